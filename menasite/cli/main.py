"""Command line: python -m menasite build | check | serve | ... (the ./run script calls it).

``--debug`` anywhere on the command line shows the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from menasite.cli.commands import main_build, main_check, main_new_report, main_placeholders, main_translations
from menasite.cli.publish import DEFAULT_KEEP, main_publish
from menasite.cli.serve import serve as run_preview
from menasite.site.build import ROOT
from menasite.site.failures import EXIT_SYSTEM, EXIT_UNEXPECTED, system_error, unexpected_error
from menasite.site.lifecycle import Terminated, install_signal_handlers, restore_signal_handlers, stopped_by


def main(argv: list[str] | None = None) -> int:
    """Run a command; no traceback reaches an editor unless --debug (anywhere) asks for it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    if debug:
        argv = [arg for arg in argv if arg != "--debug"]
        os.environ["MENA_DEBUG"] = "1"  # MkDocs' own traceback is shown too
    previous = install_signal_handlers()
    try:
        code = run_command(argv)
        signum = stopped_by()  # a stop that Python could not raise where the signal came
        return code if signum is None else 128 + signum
    except Terminated as stop:
        return stop.exit_code
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except Exception as error:
        signum = stopped_by()
        if signum is not None:  # the error is what the stop left behind, not a fault
            return 128 + signum
        if debug:
            traceback.print_exc()
        message = system_error(error) if isinstance(error, OSError) else None
        print(message or unexpected_error(error), file=sys.stderr)
        return EXIT_SYSTEM if message else EXIT_UNEXPECTED
    finally:
        restore_signal_handlers(previous)


def run_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./run", description="Build and check the Mena partnership site.")
    add_language_option(parser, default=None)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site safely into site/ (or --site-dir)")
    build.add_argument(
        "--site-dir", default=None, help="the output folder: a new or empty one, or one a previous build made"
    )
    build.add_argument(
        "--for-folder", action="store_true", help="a copy to open from a folder without a web server (previews)"
    )
    build.add_argument(
        "--production",
        action="store_true",
        help="the site for visitors: without the editors' pages and source maps (./run publish makes one)",
    )
    build.add_argument(
        "--site-url",
        help="the public address, e.g. https://mena.cg.gov.ua/partnership/ (default: mkdocs.yml or $SITE_URL)",
    )
    serve = commands.add_parser("serve", help="preview with live reload at http://127.0.0.1:8000/")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    placeholders = commands.add_parser(
        "placeholders", help="list the [[todo:...]] placeholders the council still has to fill in"
    )
    check = commands.add_parser("check", help="check everything a pull request can break, all problems at once")
    new = commands.add_parser("new-report", help="start a new quarterly report, e.g. ./run new-report 2023-q2")
    new.add_argument("quarter", help="the quarter, written YYYY-qN (2023-q2)")
    translations = commands.add_parser(
        "translations", help="which translations are missing or stale (from the git history)"
    )
    translations.add_argument(
        "--reviewed",
        metavar="ITEM",
        help="mark a translation as reviewed, still current (a page file, or a data text as the table names it)",
    )
    translations.add_argument(
        "--language",
        dest="text_lang",
        choices=["en", "pl"],
        help="with --reviewed for a data text: the translation's language",
    )
    publish = commands.add_parser(
        "publish",
        help="check and build the current commit for production and put it live",
        description="TARGET is a folder on this machine, user@host:/path (SSH), ftp://user@host[:port]/path, "
        "ftps://user@host[:port]/path (the password from MENA_FTP_PASSWORD or ~/.netrc) or zip:FILE.zip.",
    )
    publish.add_argument("target", help="where: FOLDER, user@host:/path, ftp(s)://user@host/path or zip:FILE.zip")
    publish.add_argument("--site-url", help="the public address (default: mkdocs.yml or $SITE_URL)")
    publish.add_argument(
        "--keep", type=positive, default=DEFAULT_KEEP, help=f"releases kept on a folder target (default {DEFAULT_KEEP})"
    )
    publish.add_argument("--dry-run", action="store_true", help="say what would change; upload nothing")
    publish.add_argument("--rollback", action="store_true", help="put the release before the live one back live")
    for command in (build, check, new, serve, translations, placeholders, publish):
        command.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
        add_language_option(command, default=argparse.SUPPRESS)  # ./run check --lang en works too
    args = parser.parse_args(argv)
    if args.lang:
        os.environ["MENA_LANG"] = args.lang  # MkDocs, run as a subprocess, reports in it too

    if args.command == "build":
        site_dir = args.project / "site" if args.site_dir is None else args.site_dir
        return main_build(
            site_dir, args.site_url, root=args.project, for_folder=args.for_folder, production=args.production
        )
    if args.command == "check":
        return main_check(args.project)
    if args.command == "translations":
        return main_translations(args.project, args.reviewed, args.text_lang)
    if args.command == "new-report":
        return main_new_report(args.project, args.quarter)
    if args.command == "serve":
        return run_preview(args.project, args.dev_addr)
    if args.command == "placeholders":
        return main_placeholders(args.project)
    if args.command == "publish":
        return main_publish(args.project, args.target, args.site_url, args.keep, args.dry_run, args.rollback)
    return 2


def positive(text: str) -> int:
    """At least 1: the live release is always kept."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a whole number, at least 1: {text!r}")
    return int(text)


def add_language_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--lang", choices=["uk", "en"], default=default, help="the language of messages (default: $MENA_LANG, else uk)"
    )


if __name__ == "__main__":
    sys.exit(main())
