"""Read generated master.cfg texts back the way a reviewer must be able to trust them.

stdin: JSON list of cases {"id", "text", "expect": [[table, [path...], value], ...]}.
stdout: JSON list of failures {"id", "why"} (ASCII only).

For every case: the text compiles; its data tables (SOURCES, WORKERS, STEPS, BUILDERS,
SCHEDULERS) are pure literals (ast.literal_eval refuses calls, names, attributes...) or
json.loads of one string constant;
everything outside them is byte-identical to the first case's (no value added code);
and each expected value reads back equal to the input value (a builder's steps read
through STEPS, by key).
"""
import ast
import json
import sys

TABLES = ("SOURCES", "WORKERS", "STEPS", "BUILDERS", "SCHEDULERS")


def table_value(node):
    """A table's value: a pure literal, or json.loads(<one string constant>) and nothing else."""
    if isinstance(node, ast.Call):
        f = node.func
        if not (isinstance(f, ast.Attribute) and f.attr == "loads" and isinstance(f.value, ast.Name) and f.value.id == "json"):
            raise ValueError(f"a table is a call of something other than json.loads: {ast.dump(f)}")
        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
            raise ValueError("json.loads of something other than one string constant")
        return json.loads(node.args[0].value)
    return ast.literal_eval(node)


def split(text):
    """The module with each table's right-hand side cut out, and the tables' values."""
    tree = ast.parse(text, "master.cfg")
    compile(tree, "master.cfg", "exec")
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    # ast columns are UTF-8 byte offsets; the generated text is ASCII, checked below.
    pos = lambda l, c: offsets[l - 1] + c
    tables, cuts = {}, []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id in TABLES:
            name = stmt.targets[0].id
            if name in tables:
                raise ValueError(f"{name} assigned twice")
            tables[name] = table_value(stmt.value)
            v = stmt.value
            cuts.append((pos(v.lineno, v.col_offset), pos(v.end_lineno, v.end_col_offset), name))
    if sorted(tables) != sorted(TABLES):
        raise ValueError(f"tables found: {sorted(tables)}")
    skeleton, last = [], 0
    for start, end, name in sorted(cuts):
        skeleton.append(text[last:start] + f"<{name}>")
        last = end
    skeleton.append(text[last:])
    return "".join(skeleton), tables


def resolved(tables):
    """The tables with each builder's step keys replaced by the steps they name."""
    steps = tables["STEPS"]
    builders = [dict(b, steps=[steps[k] for k in b["steps"]]) for b in tables["BUILDERS"]]
    schedulers = [s if "builders" in s else dict(s, builders=members(s, builders)) for s in tables.get("SCHEDULERS", [])]
    return dict(tables, BUILDERS=builders, SCHEDULERS=schedulers)


def members(s, builders):
    """A scheduler's builders as master.cfg's scheduler_builders takes them from the BUILDERS rows."""
    if s["kind"] == "force":
        return [b["name"] for b in builders]
    if s["kind"] == "pull_request":
        order = s.get("group_order", [])
        mine = [b for b in builders if b["branch"] in s.get("branches", [])]
        mine.sort(key=lambda b: order.index(b["scheduler"]) if b["scheduler"] in order else len(order))
        return [b["name"] for b in mine]
    return [b["name"] for b in builders if b["branch"] == s.get("branch") and b["scheduler"] == s.get("key")]


def walk(value, path):
    for p in path:
        value = value[p]
    return value


def main():
    cases = json.load(sys.stdin)
    failures, baseline = [], None
    for case in cases:
        try:
            text = case["text"]
            if not text.isascii():
                raise ValueError("master.cfg is not ASCII")
            skeleton, tables = split(text)
            tables = resolved(tables)
            if baseline is None:
                baseline = skeleton
            elif skeleton != baseline:
                raise ValueError("the code outside the data tables differs from the first case's")
            for table, path, want in case["expect"]:
                got = walk(tables[table], path)
                if got != want:
                    raise ValueError(f"{table}{path}: got {ascii(got)}, want {ascii(want)}")
        except Exception as e:  # report every case, not the first
            failures.append({"id": case["id"], "why": f"{type(e).__name__}: {e}"})
    print(json.dumps({"checked": len(cases), "failures": failures}, ensure_ascii=True))


if __name__ == "__main__":
    main()
