"""./run benchmark's stock build stays buildable as mkdocs.yml changes (a new stylesheet once
broke it, unnoticed until the benchmark ran): the configuration it makes is checked here,
without running Lighthouse."""

from __future__ import annotations

import importlib.util

import yaml
from conftest import ROOT

from menasite.pages.siteconfig import _config_loader


def benchmark_module():
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stock_configuration_is_mkdocs_yml_with_materials_defaults(tmp_path):
    text = benchmark_module().stock_config_text(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), tmp_path / "partials" / "mena"
    )
    config = yaml.load(text, Loader=_config_loader())
    assert config["theme"]["custom_dir"] == str(tmp_path)  # only the generated parts' templates
    assert "font" not in config["theme"] and "favicon" not in config["theme"]
    assert "extra_css" not in config  # none of the site's own stylesheets
    assert config["plugins"][0] == "search" and "reconfigure_search" not in config["plugins"][1]["i18n"]
    assert config["nav"] == yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_config_loader())["nav"]
