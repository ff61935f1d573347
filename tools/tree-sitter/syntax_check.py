"""Parses Swift and Kotlin files with tree-sitter and reports every syntax error.

    python syntax_check.py FILE...

With no Swift compiler or Android SDK on the CI machines, this is how the shells' code is
checked there: a file that does not parse fails the build, with the line and column. It checks
syntax only, not types or names (`cargo xtask shells` checks those against the generated code).

Before checking anything it parses a broken snippet in each language and insists on an error,
so a grammar that accepted everything could not pass the check unnoticed.
"""

import sys
from pathlib import Path

import tree_sitter
import tree_sitter_kotlin
import tree_sitter_swift

LANGUAGES = {
    ".swift": tree_sitter.Language(tree_sitter_swift.language()),
    ".kt": tree_sitter.Language(tree_sitter_kotlin.language()),
    ".kts": tree_sitter.Language(tree_sitter_kotlin.language()),
}

BROKEN = {
    ".swift": b"struct A: View {\n    var body: some View {\n        Text(\"a\"\n    }\n}\n",
    ".kt": b"fun a() {\n    val b = listOf(1, 2\n}\n",
}


def errors(source: bytes, suffix: str) -> list[tuple[int, int, str]]:
    """Every ERROR or MISSING node, as (line, column, what), 1-based."""
    tree = tree_sitter.Parser(LANGUAGES[suffix]).parse(source)
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            line, column = node.start_point
            text = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
            what = f"missing {node.type}" if node.is_missing else f"cannot parse {text[:40]!r}"
            found.append((line + 1, column + 1, what))
        elif node.has_error:
            stack.extend(reversed(node.children))
    return sorted(found)


def main(paths: list[str]) -> int:
    for suffix, source in BROKEN.items():
        if not errors(source, suffix):
            print(f"the {suffix} grammar accepted a broken snippet: the check cannot be trusted")
            return 2
    problems = 0
    counts: dict[str, int] = {}
    for name in paths:
        path = Path(name)
        if path.suffix not in LANGUAGES:
            print(f"{path}: not Swift or Kotlin")
            return 2
        counts[path.suffix] = counts.get(path.suffix, 0) + 1
        for line, column, what in errors(path.read_bytes(), path.suffix):
            print(f"{path}:{line}:{column}: syntax error: {what}")
            problems += 1
    summary = ", ".join(f"{n} {suffix}" for suffix, n in sorted(counts.items()))
    if problems:
        print(f"{problems} syntax errors in {summary} files")
        return 1
    print(f"{len(paths)} files parse ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
