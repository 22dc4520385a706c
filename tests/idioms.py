"""The Python a lesson's code uses, named idiom by idiom (what each lesson teaches is in its manifest, `taught`). A
learner who did the lessons before one can read every line of it: a lesson may use what it or an earlier lesson
teaches, and the lesson that teaches an idiom names it in its Markdown (`mentioned`), where a learner reads what it
does."""
import ast
import builtins
import re

MODULE_ALIASES = {"pd", "px", "go", "np", "folium", "json", "math"}
ACCESSORS = {"str", "dt"}
INDEXERS = {"loc", "iloc", "at", "iat"}
# Attributes of pandas objects a lesson may read (other attributes are a table's own columns, as row.lat).
PANDAS_ATTRIBUTES = {"days", "year", "month", "values", "index", "columns", "shape", "size", "empty", "T", "name"}
OPERATORS = {ast.BitAnd: "&", ast.BitOr: "|", ast.Div: "/", ast.Mult: "*", ast.Sub: "-", ast.Add: "+",
             ast.Pow: "**", ast.FloorDiv: "//", ast.Mod: "%", ast.Invert: "~", ast.Not: "not", ast.USub: "-",
             ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.Gt: ">", ast.LtE: "<=", ast.GtE: ">=", ast.In: "in",
             ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.And: "and", ast.Or: "or"}
SYNTAX = {ast.For: "for", ast.If: "if", ast.IfExp: "if else (inline)", ast.While: "while", ast.With: "with",
          ast.Try: "try", ast.FunctionDef: "def", ast.Lambda: "lambda", ast.ListComp: "comprehension",
          ast.DictComp: "comprehension", ast.SetComp: "comprehension", ast.GeneratorExp: "comprehension",
          ast.JoinedStr: "f-string", ast.Dict: "dict {}", ast.List: "list []", ast.Set: "set {}",
          ast.Starred: "* unpacking", ast.AugAssign: "+= (augmented assignment)", ast.Assert: "assert",
          ast.Delete: "del", ast.Return: "return", ast.Slice: "slice [a:b]"}


def _attribute_chain(node: ast.AST) -> tuple[str | None, list[str]]:
    """`pd.Series.str.contains` -> ("pd", ["Series", "str", "contains"]); the base is None unless it is a Name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return (node.id if isinstance(node, ast.Name) else None), parts[::-1]


def _subscript_idiom(node: ast.Subscript) -> str | None:
    index = node.slice
    if isinstance(node.value, ast.Attribute) and node.value.attr in INDEXERS:
        return f".{node.value.attr}[rows, columns]" if isinstance(index, ast.Tuple) else f".{node.value.attr}[]"
    if isinstance(index, (ast.Compare, ast.BoolOp)) or (
            isinstance(index, (ast.BinOp, ast.UnaryOp)) and type(index.op) in {ast.BitAnd, ast.BitOr, ast.Invert}):
        return "[condition] (a mask)"
    if isinstance(index, ast.List):
        return "[[columns]]"
    if isinstance(index, ast.Constant) and isinstance(index.value, int):
        return "[n] (position)"
    if isinstance(node.value, ast.Subscript):
        return "[a][b] (nested)"
    return None


def idioms_in(code: str, helpers: set[str] = frozenset()) -> set[str]:
    """The idioms a piece of code uses; calls of `helpers` (names imported from lessonkit) are the kit's own."""
    tree = ast.parse(code)
    found = set()
    if '"""' in code or "'''" in code:
        found.add("triple-quoted string")
    for node in ast.walk(tree):
        kind = SYNTAX.get(type(node))
        if kind and not (isinstance(node, (ast.List, ast.Dict)) and _is_target(node, tree)):
            found.add(kind)
        if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) and v.format_spec
                                                   for v in node.values):
            found.add("f-string format {x:.1f}")
        if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.BoolOp)) and type(node.op) in OPERATORS:
            found.add(OPERATORS[type(node.op)])
        if isinstance(node, ast.Compare):
            found |= {OPERATORS[type(op)] for op in node.ops}
        if isinstance(node, (ast.Assign, ast.For, ast.comprehension)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Tuple) for target in targets):
                found.add("a, b = (tuple unpacking)")
        if isinstance(node, ast.keyword) and node.arg:
            found.add("keyword=argument")
        if isinstance(node, ast.Subscript):
            idiom = _subscript_idiom(node)
            if idiom:
                found.add(idiom)
        if isinstance(node, ast.Attribute) and node.attr in INDEXERS | ACCESSORS | PANDAS_ATTRIBUTES:
            chain = _attribute_chain(node)[1]
            accessor = len(chain) >= 2 and chain[-2] in ACCESSORS and node.attr not in INDEXERS
            found.add(f".{chain[-2]}.{node.attr}" if accessor else f".{node.attr}")
        if isinstance(node, ast.Call):
            found |= _call_idioms(node, helpers)
    return found


def _is_target(node: ast.AST, tree: ast.AST) -> bool:
    return any(isinstance(parent, ast.Assign) and node in parent.targets for parent in ast.walk(tree))


def _call_idioms(node: ast.Call, helpers: set[str]) -> set[str]:
    function = node.func
    if isinstance(function, ast.Name):
        if function.id in helpers:
            return set()
        return {f"{function.id}()"} if hasattr(builtins, function.id) else set()
    base, parts = _attribute_chain(function)
    if base in MODULE_ALIASES:
        return {f"{base}.{'.'.join(parts)}"}
    if base in helpers:
        return set()
    if len(parts) >= 2 and parts[-2] in ACCESSORS:
        return {f".{parts[-2]}.{parts[-1]}()"}
    return {f".{parts[-1]}()"} if parts else set()


def lessonkit_names(code: str) -> set[str]:
    """The names a lesson imports from the kit's helper package."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lessonkit"):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def code_spans(markdown: str) -> list[str]:
    """The code of a hint or solution: fenced blocks, then inline spans that are Python on their own (an id such
    as `1956-joint-declaration` is not code)."""
    blocks = re.findall(r"```python\n(.*?)```", markdown, flags=re.S)
    inline = re.findall(r"(?<!`)`([^`\n]+)`(?!`)", re.sub(r"```.*?```", " ", markdown, flags=re.S))
    return blocks + [span for span in inline if parses(span) and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", span)]


WORDS = {"for": "for", "comprehension": "comprehension", "a, b = (tuple unpacking)": "unpack", "dict {}": "dictionar",
         "list []": "list", "keyword=argument": "keyword", "f-string": "f-string", "if": "if", "lambda": "lambda",
         "def": "def", "triple-quoted string": "triple", "slice [a:b]": "slice", "[condition] (a mask)": "condition",
         "with": "with", "try": "try", "if else (inline)": "if", "while": "while", "* unpacking": "*",
         "+= (augmented assignment)": "+=", "assert": "assert", "del": "del", "return": "return", "set {}": "set"}
CODE_MARKS = {"f-string format {x:.1f}": ":.", "[[columns]]": "[[", "[a][b] (nested)": "][", "[n] (position)": "[0]"}


def mentioned(idiom: str, markdown: str) -> bool:
    """Whether a lesson's Markdown names an idiom where a learner reads it: a word for syntax, else in code."""
    spans = re.findall(r"`([^`]+)`", markdown)
    if idiom in WORDS:
        return WORDS[idiom] in markdown.lower()
    if idiom in CODE_MARKS:
        return any(CODE_MARKS[idiom] in span for span in spans)
    if idiom in OPERATORS.values():
        return any(re.search(rf"(^|\s|\w|\)){re.escape(idiom)}(\s|$|\w|\()", span) for span in spans)
    name = idiom.removesuffix("()").split("[")[0].rstrip(".").split(".")[-1]
    return any(re.search(rf"\b{re.escape(name)}\b", span) for span in spans)
