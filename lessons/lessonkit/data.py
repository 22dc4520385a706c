"""Load the kit's tables and map layers from `data/`, typed as `data/datapackage.json` describes them.

Every table is checked while it loads against the whole of its schema: a value of the wrong type, a missing
required value, a value outside its enum, pattern, minimum, maximum or maxLength, a duplicate id or unique value, or a
reference to a row that does not exist stops the load with a message naming the file, the row and the field.
Row numbers count as a spreadsheet does: the header is row 1, the first record row 2. A schema that asks for more
than this module enforces (another constraint, type or key) is refused, so no rule of the package is skipped unseen.
"""
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from .paths import DATA as DATA_DIR


class DataFileError(ValueError):
    """A data file that does not match its schema; the message names file, row and field."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows in a notebook instead of the traceback: the message and what to do.

        The frames inside lessonkit would only hide the message from a learner; the problem is in the file.
        """
        return f"DataFileError: {self}".splitlines() + [
            "A file in the kit's data/ folder was changed or damaged. Fix it where the lines above say, or get a "
            "fresh copy: in a terminal in the kit's folder, run  git checkout data/  (or download the kit again)."]


def read_package(data_dir: Path = DATA_DIR) -> dict:
    return json.loads((Path(data_dir) / "datapackage.json").read_text(encoding="utf-8"))


def _resource(name: str, data_dir: Path) -> dict:
    resources = {r["name"]: r for r in read_package(data_dir)["resources"]}
    if name not in resources:
        raise KeyError(f"No table or layer called {name!r}; the data package has: {', '.join(sorted(resources))}")
    return resources[name]


def _to_date(text: str) -> pd.Timestamp:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError
    return pd.Timestamp(text)


def _to_boolean(text: str) -> bool:
    return {"true": True, "false": False}[text]


# What this module enforces of Table Schema; anything else in a schema is refused rather than silently ignored.
ENFORCED_CONSTRAINTS = {"required", "enum", "pattern", "minimum", "maximum", "maxLength", "unique"}
FIELD_KEYS = {"name", "title", "description", "type", "constraints"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys"}
CONVERTERS = {"string": str, "number": float, "integer": int, "date": _to_date, "boolean": _to_boolean}
TYPE_HINTS = {"number": "a number", "integer": "a whole number", "date": "a date written YYYY-MM-DD",
              "boolean": "true or false"}


def _field_problems(value: str, field: dict):
    """Yield what is wrong with one cell; convert it when nothing is."""
    constraints = field.get("constraints", {})
    if value == "":
        if constraints.get("required"):
            yield "is empty but required"
        return
    try:
        typed = CONVERTERS[field.get("type", "string")](value)
    except (ValueError, KeyError):
        yield f"{value!r} is not {TYPE_HINTS[field['type']]}"
        return
    if "enum" in constraints and value not in constraints["enum"]:
        yield f"{value!r} is not one of {', '.join(constraints['enum'])}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        yield f"{value!r} does not match the pattern {constraints['pattern']}"
    if "minimum" in constraints and typed < CONVERTERS[field["type"]](str(constraints["minimum"])):
        yield f"{value!r} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and typed > CONVERTERS[field["type"]](str(constraints["maximum"])):
        yield f"{value!r} is above the maximum {constraints['maximum']}"
    if "maxLength" in constraints and len(value) > constraints["maxLength"]:
        yield f"{len(value)} characters, more than its maxLength of {constraints['maxLength']}"


def _unenforced(schema: dict, name: str) -> list[str]:
    """What a resource's schema asks for that this module does not enforce, each naming where it is asked."""
    where = f"data/datapackage.json, resource '{name}'"
    problems = [f"{where}: schema key '{key}'" for key in sorted(set(schema) - SCHEMA_KEYS)]
    for field in schema["fields"]:
        at = f"{where}, field '{field['name']}'"
        problems += [f"{at}: key '{key}'" for key in sorted(set(field) - FIELD_KEYS)]
        if field.get("type", "string") not in CONVERTERS:
            problems.append(f"{at}: type '{field['type']}'")
        problems += [f"{at}: constraint '{constraint}'"
                     for constraint in sorted(set(field.get("constraints", {})) - ENFORCED_CONSTRAINTS)]
    return problems


def _duplicates(raw: pd.DataFrame, column: str, path: str) -> list[str]:
    """A problem for each row whose value in `column` an earlier row already uses (empty values aside)."""
    filled = raw[column][raw[column] != ""]
    return [f"{path}, row {index + 2}, field '{column}': {value!r} is used by an earlier row"
            for index, value in filled[filled.duplicated()].items()]


def _check_rows(raw: pd.DataFrame, schema: dict, path: str) -> list[str]:
    problems = []
    fields = schema["fields"]
    missing = [f["name"] for f in fields if f["name"] not in raw.columns]
    if missing:
        return [f"{path}, row 1 (header): field(s) {', '.join(missing)} missing"]
    for index, record in raw.iterrows():
        row = index + 2
        for field in fields:
            for problem in _field_problems(record[field["name"]], field):
                problems.append(f"{path}, row {row}, field '{field['name']}': {problem}")
    unique = [field["name"] for field in fields if field.get("constraints", {}).get("unique")]
    keys = [schema["primaryKey"]] if "primaryKey" in schema else []
    for column in dict.fromkeys(keys + unique):
        problems += _duplicates(raw, column, path)
    return problems


def _typed(raw: pd.DataFrame, schema: dict) -> pd.DataFrame:
    table = raw.copy()
    for field in schema["fields"]:
        column, kind = field["name"], field.get("type", "string")
        if kind == "date":
            table[column] = pd.to_datetime(table[column].replace("", None), format="%Y-%m-%d")
        elif kind in ("number", "integer"):
            table[column] = pd.to_numeric(table[column].replace("", None))
        elif kind == "boolean":
            table[column] = table[column].map({"true": True, "false": False})
        else:  # a missing text is None, so that `if place.name_ja:` reads naturally in a lesson
            table[column] = table[column].astype(object).where(table[column] != "", None)
    return table


@cache
def _load_checked(name: str, data_dir: Path) -> pd.DataFrame:
    resource = _resource(name, data_dir)
    path = f"data/{resource['path']}"
    unenforced = _unenforced(resource["schema"], name)
    if unenforced:
        raise DataFileError("The data package asks for checks lessonkit/data.py does not make (enforce them there, "
                            "or take them out of the package):\n  " + "\n  ".join(unenforced))
    try:
        raw = pd.read_csv(Path(data_dir) / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path} could not be read as CSV: {exc}") from None
    problems = _check_rows(raw, resource["schema"], path)
    problems += _foreign_key_problems(raw, resource, data_dir, path)
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise DataFileError(f"{path} has {len(problems)} problem(s):\n  {shown}{more}")
    return _typed(raw, resource["schema"])


def _foreign_key_problems(raw: pd.DataFrame, resource: dict, data_dir: Path, path: str) -> list[str]:
    problems = []
    for foreign_key in resource["schema"].get("foreignKeys", []):
        field, target = foreign_key["fields"], foreign_key["reference"]
        target_ids = set(_load_checked(target["resource"], data_dir)[target["fields"]])
        for index, value in raw[field].items():
            if value and value not in target_ids:
                problems.append(f"{path}, row {index + 2}, field '{field}': {value!r} is not an id in "
                                f"{target['resource']}")
    return problems


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One table of the data package as a typed DataFrame: dates as datetimes, numbers as numbers.

    >>> load_table("places").loc[lambda t: t.id == "shikotan", "name_ru"].item()
    'Шикотан'
    """
    return _load_checked(name, Path(data_dir).resolve()).copy()


def load_geojson(name: str, data_dir: Path = DATA_DIR) -> dict:
    """A GeoJSON layer of the data package, as the dict folium.GeoJson takes."""
    resource = _resource(name, Path(data_dir))
    path = Path(data_dir) / resource["path"]
    try:
        layer = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"data/{resource['path']}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    for number, feature in enumerate(layer.get("features", []), start=1):
        if not feature.get("geometry"):
            raise DataFileError(f"data/{resource['path']}, feature {number}, field 'geometry': missing")
    return layer
