"""The practice exercise of lesson 00: shows how answer cells, checks and hints work."""
from ..exercises import Exercise, as_year, checker_for, correct, not_yet

ARTICLE_YEAR = 2016


def judge_article_year(answer: object) -> object:
    year = as_year(answer)
    if year is None:
        return not_yet("Give the year as a whole number, like 1999, without quotes.")
    if year == ARTICLE_YEAR:
        return correct("2016: the article appeared on 26 October 2016, weeks before Putin's December visit to Japan.")
    if year in (1956, 1855):
        return not_yet(f"{year} is a year the article's topic goes back to. When was the article itself published?")
    if year > 2016:
        return not_yet("That is after the article was written: look at the date under its title.")
    return not_yet("Not that year: the publication date is in the citation above.")


EXERCISES = {"article-year": Exercise("article_year", "a year such as 1999", judge_article_year)}

check = checker_for(EXERCISES)
