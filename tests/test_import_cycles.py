"""No import circle inside bilingual/: counting imports inside functions too (lazy ones).

A lazy import hides a circle from Python but not from a reader: the registry that lazily
imports its backends must not be imported back by them. Edges go from a module to each
bilingual module it names in an import statement (``from pkg import name`` points at
``pkg.name`` when that is a module, else at ``pkg``); parent packages are not implied.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bilingual"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the bilingual modules it imports anywhere in its body."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = mod.split(".")
                    anchor = anchor if is_package else anchor[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                ]
            graph[mod].update(t for t in targets if t in modules and t != mod)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*stack[stack.index(n) :], n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_finder_sees_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_graph_reads_lazy_and_relative_imports() -> None:
    graph = import_graph()
    assert "bilingual.encode.use" in graph["bilingual.encode.base"]  # imported in a function


def test_no_import_cycle_in_bilingual() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


# --- packages and layers (issue 18) ------------------------------------------------------------

ARCHITECTURE = PACKAGE.parent / "ARCHITECTURE.md"


def _unit(module: str) -> str:
    """The package or top-level module a module belongs to (``bilingual.check.run`` -> check)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Package (or top-level module) -> the others it imports; ``bilingual/__init__`` left out."""
    out: dict[str, set[str]] = {}
    for mod, targets in graph.items():
        if not _unit(mod):
            continue
        edges = out.setdefault(_unit(mod), set())
        edges.update(_unit(t) for t in targets if _unit(t) and _unit(t) != _unit(mod))
    return out


def architecture_layers() -> dict[str, int]:
    """Package -> its layer's index (0 at the bottom), from the ```layers block of ARCHITECTURE."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text.split("```layers\n", 1)[1].split("```", 1)[0]
    layers: dict[str, int] = {}
    for i, line in enumerate(ln for ln in block.splitlines() if ln.strip()):
        for unit in line.split(":", 1)[1].split():
            layers[unit] = i
    return layers


def test_no_import_cycle_between_packages() -> None:
    cycle = find_cycle(package_graph(import_graph()))
    assert cycle is None, "package import circle: " + " -> ".join(cycle or [])


def test_every_package_is_in_a_layer() -> None:
    assert set(package_graph(import_graph())) <= set(architecture_layers())


def test_imports_go_down_the_layers_of_architecture_md() -> None:
    layers = architecture_layers()
    upward = sorted(
        f"{a} -> {b}"
        for a, targets in package_graph(import_graph()).items()
        for b in targets
        if layers.get(b, -1) > layers.get(a, -1)
    )
    assert upward == [], "imports that go up a layer: " + ", ".join(upward)
