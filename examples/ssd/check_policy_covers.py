#!/usr/bin/env python3
"""Check that a veil policy covers every table and column of a SQLite database.

    python3 examples/ssd/check_policy_covers.py [DATABASE [POLICY]]

Defaults: ssd.sqlite and policy.yaml next to this script. Prints one line per problem
and nothing at all when the policy is complete; exits 1 if it printed anything.

Problems reported:
  * a table of the database the policy does not name, or a column of an anonymised table
    without a rule (veil would refuse to run);
  * a table or column the policy names but the database lacks (a typing mistake?);
  * a foreign key whose two columns are not pseudonymised with the same entity (the join
    would break);
  * {date_shift: ENTITY} in a table that does not list ENTITY under keys, or for an entity
    without a date_shift range; {pseudonymise: ENTITY} for an undeclared entity;
  * a pseudonym longer than the column's declared length, or a pseudonym in an INT column
    that is not digits of length <= 9.

Uses PyYAML when it is installed, otherwise a small parser for the subset of YAML that
policies use (block maps, flow maps and lists, quotes, comments). Standard library only.
"""

import os
import re
import sqlite3
import sys


# ---------------------------------------------------------------------------------------
# Minimal YAML: enough for veil policies.
# ---------------------------------------------------------------------------------------
class YamlError(Exception):
    pass


def strip_comment(line):
    """The line without a trailing # comment (a # inside quotes is kept)."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def logical_lines(text):
    """(indent, content, line number) with comments and blank lines removed, and flow
    collections that span several lines joined into one."""
    out = []
    pending = None
    depth = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = strip_comment(raw)
        if not line.strip():
            continue
        if line.strip() in ("---", "..."):
            continue
        if pending is None:
            pending = [len(line) - len(line.lstrip(" ")), line.strip(), number]
        else:
            pending[1] += " " + line.strip()
        depth += bracket_balance(line)
        if depth <= 0:
            out.append(tuple(pending))
            pending = None
            depth = 0
    if pending is not None:
        raise YamlError("line %d: unclosed [ or {" % pending[2])
    return out


def bracket_balance(line):
    balance = 0
    quote = None
    for ch in line:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            balance += 1
        elif ch in "]}":
            balance -= 1
    return balance


def scalar(token):
    token = token.strip()
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "'\"":
        return token[1:-1]
    if token in ("", "~", "null", "Null", "NULL"):
        return None
    if re.fullmatch(r"[-+]?\d+", token):
        return int(token)
    if re.fullmatch(r"[-+]?\d+\.\d*", token):
        return float(token)
    if token in ("true", "True"):
        return True
    if token in ("false", "False"):
        return False
    return token


def parse_flow(text, line):
    """Parse a flow value: {a: b, c: [d, e]}, [x, y] or a scalar."""
    pos = 0

    def skip():
        nonlocal pos
        while pos < len(text) and text[pos] in " \t":
            pos += 1

    def token(stops):
        nonlocal pos
        skip()
        if pos < len(text) and text[pos] in "'\"":
            quote = text[pos]
            end = text.find(quote, pos + 1)
            if end < 0:
                raise YamlError("line %d: unclosed quote" % line)
            value = text[pos:end + 1]
            pos = end + 1
            return value
        start = pos
        while pos < len(text) and text[pos] not in stops:
            if text[pos] == ":" and ":" in stops and (pos + 1 == len(text) or text[pos + 1] == " "):
                break
            pos += 1
        return text[start:pos].strip()

    def value():
        nonlocal pos
        skip()
        if pos < len(text) and text[pos] == "{":
            pos += 1
            result = {}
            while True:
                skip()
                if pos < len(text) and text[pos] == "}":
                    pos += 1
                    return result
                key = scalar(token(":,}"))
                skip()
                if pos >= len(text) or text[pos] != ":":
                    raise YamlError("line %d: expected ':' in a flow map" % line)
                pos += 1
                result[key] = value()
                skip()
                if pos < len(text) and text[pos] == ",":
                    pos += 1
                elif pos < len(text) and text[pos] == "}":
                    continue
                else:
                    raise YamlError("line %d: expected ',' or '}'" % line)
        if pos < len(text) and text[pos] == "[":
            pos += 1
            result = []
            while True:
                skip()
                if pos < len(text) and text[pos] == "]":
                    pos += 1
                    return result
                result.append(value())
                skip()
                if pos < len(text) and text[pos] == ",":
                    pos += 1
                elif pos < len(text) and text[pos] == "]":
                    continue
                else:
                    raise YamlError("line %d: expected ',' or ']'" % line)
        return scalar(token(",}]"))

    result = value()
    skip()
    if pos != len(text):
        raise YamlError("line %d: unexpected text after a value" % line)
    return result


def split_key(content, line):
    """'key: value' -> (key, value text); 'key:' -> (key, '')."""
    if content[0] in "'\"":
        end = content.find(content[0], 1)
        key, rest = content[1:end], content[end + 1:]
    else:
        match = re.match(r"([^:]+?)\s*:(\s|$)", content)
        if not match:
            raise YamlError("line %d: expected 'key: value'" % line)
        key, rest = match.group(1), content[match.end(1):]
    rest = rest.lstrip()
    if not rest.startswith(":"):
        raise YamlError("line %d: expected ':' after the key" % line)
    return key, rest[1:].strip()


def parse_block(lines, i, indent):
    """A block map or list whose items are at exactly `indent`. Returns (value, next i)."""
    if lines[i][1].startswith("- "):
        result = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            result.append(parse_flow(lines[i][1][2:], lines[i][2]))
            i += 1
        return result, i
    result = {}
    while i < len(lines) and lines[i][0] == indent:
        _, content, number = lines[i]
        key, rest = split_key(content, number)
        i += 1
        if rest:
            result[key] = parse_flow(rest, number)
        elif i < len(lines) and lines[i][0] > indent:
            result[key], i = parse_block(lines, i, lines[i][0])
        else:
            result[key] = None
    if i < len(lines) and lines[i][0] > indent:
        raise YamlError("line %d: unexpected indentation" % lines[i][2])
    return result, i


def minimal_yaml_load(text):
    lines = logical_lines(text)
    if not lines:
        return {}
    value, i = parse_block(lines, 0, lines[0][0])
    if i != len(lines):
        raise YamlError("line %d: unexpected indentation" % lines[i][2])
    return value


def load_policy(path, use_pyyaml=True):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if use_pyyaml:
        try:
            import yaml  # noqa: PLC0415 - optional dependency
        except ImportError:
            pass
        else:
            return yaml.safe_load(text)
    return minimal_yaml_load(text)


# ---------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------
def declared_length(declared):
    match = re.search(r"CHAR\s*\(\s*(\d+)\s*\)", declared or "", re.IGNORECASE)
    return int(match.group(1)) if match else None


def is_integer_type(declared):
    return "INT" in (declared or "").upper()


def rule_kind(rule):
    """('keep'|'drop'|'null'|<map key>, argument)."""
    if rule is None:
        return "null", None        # a bare YAML null: veil wants the rule spelled "null"
    if isinstance(rule, str):
        return rule, None
    if isinstance(rule, dict) and len(rule) == 1:
        (kind, argument), = rule.items()
        return kind, argument
    return "?", rule


def check(db_path, policy_path, use_pyyaml=True):
    problems = []
    policy = load_policy(policy_path, use_pyyaml) or {}
    entities = policy.get("entities") or {}
    tables = policy.get("tables") or {}

    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    db_tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    columns = {t: [(row[1], row[2]) for row in db.execute('PRAGMA table_info("%s")' % t)]
               for t in db_tables}

    def column_rule(table, column):
        body = tables.get(table)
        if isinstance(body, dict):
            return (body.get("columns") or {}).get(column, "__missing__")
        return body          # keep / delete / drop apply to every column

    for table in db_tables:
        if table not in tables:
            problems.append("table not covered: %s" % table)
            continue
        body = tables[table]
        if isinstance(body, str):
            if body not in ("keep", "delete", "drop"):
                problems.append("table %s: unknown action %r" % (table, body))
            continue
        if not isinstance(body, dict) or not isinstance(body.get("columns"), dict):
            problems.append("table %s: needs an action or a columns map" % table)
            continue
        rules = body["columns"]
        keys = body.get("keys") or {}
        names = [c for c, _ in columns[table]]
        for column, declared in columns[table]:
            if column not in rules:
                problems.append("column not covered: %s.%s" % (table, column))
                continue
            kind, argument = rule_kind(rules[column])
            if kind == "pseudonymise":
                entity = entities.get(argument)
                if argument not in entities:
                    problems.append("%s.%s: entity %r is not declared" % (table, column, argument))
                    continue
                fmt = (entity or {}).get("pseudonym") or {}
                length = fmt.get("length", 16) + len(str(fmt.get("prefix", "") or ""))
                limit = declared_length(declared)
                if limit is not None and length > limit:
                    problems.append("%s.%s: pseudonym of %d characters in %s" %
                                    (table, column, length, declared))
                if is_integer_type(declared) and not (
                        fmt.get("alphabet") == "digits" and not fmt.get("prefix") and
                        fmt.get("length", 16) <= 9):
                    problems.append("%s.%s: %s needs a digits pseudonym of length <= 9" %
                                    (table, column, declared))
            elif kind == "date_shift" and isinstance(argument, str):
                if argument not in keys:
                    problems.append("%s.%s: date_shift by %s, but the table's keys do not "
                                    "name %s" % (table, column, argument, argument))
                elif not (entities.get(argument) or {}).get("date_shift"):
                    problems.append("%s.%s: entity %s has no date_shift range" %
                                    (table, column, argument))
        for column in rules:
            if column not in names:
                problems.append("policy names a column the database lacks: %s.%s" %
                                (table, column))
        for entity, column in keys.items():
            if entity not in entities:
                problems.append("table %s: keys name undeclared entity %s" % (table, entity))
            if column not in names:
                problems.append("table %s: key column %s does not exist" % (table, column))

    for table in tables:
        if table not in columns:
            problems.append("policy names a table the database lacks: %s" % table)

    # Joins: both ends of every foreign key pseudonymised with the same entity.
    for table in db_tables:
        for fk in db.execute('PRAGMA foreign_key_list("%s")' % table):
            ref_table, from_col, to_col = fk[2], fk[3], fk[4]
            from_kind, from_arg = rule_kind(column_rule(table, from_col))
            to_kind, to_arg = rule_kind(column_rule(ref_table, to_col))
            if from_kind in ("drop", "null", "delete", "__missing__") or \
                    to_kind in ("__missing__", "delete", "drop"):
                continue
            if (from_kind, from_arg) != (to_kind, to_arg) or \
                    from_kind not in ("pseudonymise", "keep"):
                problems.append("join %s.%s -> %s.%s: rules differ (%s vs %s)" %
                                (table, from_col, ref_table, to_col,
                                 column_rule(table, from_col), column_rule(ref_table, to_col)))
    db.close()
    return problems


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    args = [a for a in argv[1:] if not a.startswith("--")]
    use_pyyaml = "--no-pyyaml" not in argv
    db_path = args[0] if len(args) > 0 else os.path.join(here, "ssd.sqlite")
    policy_path = args[1] if len(args) > 1 else os.path.join(here, "policy.yaml")
    try:
        problems = check(db_path, policy_path, use_pyyaml)
    except YamlError as e:
        problems = ["%s: %s" % (policy_path, e)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
