import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Import every view, resolve the URLconf and compile the project's templates now rather than
    on a worker's first requests (under gunicorn's ``preload_app`` this happens once, in the master,
    and every worker starts warm). A template that does not compile is logged and left to fail where
    it is used: warming up must never keep the server from starting.
    What is loaded here lives as long as the process: it is frozen out of the garbage collector's
    walks, which then only look at what requests allocate."""
    import gc
    import logging
    from pathlib import Path

    from django.template import engines
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - reading it fills the resolver
    engine = engines["django"]
    if not engine.engine.debug:  # the cached loader keeps what is compiled here
        for folder in map(Path, engine.template_dirs):
            for path in folder.rglob("*.html"):
                try:
                    engine.get_template(str(path.relative_to(folder)))
                except Exception:  # noqa: BLE001 - an optimisation only; the page reports its own error
                    logging.getLogger(__name__).warning("template %s not compiled at start", path, exc_info=True)
    gc.collect()
    gc.freeze()


warm_up()
