"""python -m bench [section [args…]]: run every benchmark section, or one."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ORDER = ("imports", "metrics", "pages")   # sections run in this order; any others after them, by name
ON_REQUEST = ("scale",)   # too heavy for "run everything" (10 million workers): only when named


def sections() -> list[str]:
    """Names of the modules in bench/ that define main()."""
    found = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_")]
    return sorted(found, key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    available = sections()
    if args and not args[0].startswith("-"):
        name, rest = args[0], args[1:]
        if name not in available:
            print(f"no benchmark section {name!r}; available: {', '.join(available)}", file=sys.stderr)
            return 2
        return _run(name, rest)
    status = 0
    for name in (n for n in available if n not in ON_REQUEST):
        print(f"== bench {name} ==", flush=True)
        status = max(status, _run(name, args))
    return status


def _run(name: str, args: list[str]) -> int:
    module = importlib.import_module(f"bench.{name}")
    if not hasattr(module, "main"):
        print(f"bench/{name}.py has no main(); skipped", file=sys.stderr)
        return 0
    return module.main(args) or 0


if __name__ == "__main__":
    sys.exit(main())
