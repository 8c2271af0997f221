"""The coproduction plugin's settings in mkdocs.yml (the shape of Material's own plugins).

Each option is handed to the plain rules in coproduction/settings.py, the one
schema for our settings, which the command line also uses without MkDocs.
There is no option to switch off a safety stage: the file checks, the macro
sandbox, the page checks, the content security policy and the site swap always
run (coproduction/plugin/plugin.py).
"""
from __future__ import annotations

from mkdocs.config import base, config_options as c
from mkdocs.config.base import ValidationError

from .. import settings


class Checked(c.BaseConfigOption):
    """An option whose value is checked by a function of coproduction/settings.py.
    The value stays as mkdocs.yml gives it; the plugin asks settings.py for the result."""

    def __init__(self, check, default):
        super().__init__()
        self.check = check
        self.default = default

    def run_validation(self, value):
        try:
            self.check(value)
        except settings.SettingError as err:
            raise ValidationError(str(err)) from None
        return value


class CoproductionConfig(base.Config):
    # The data files: the one place their paths are set (settings.DATA_OPTIONS).
    data_ = Checked(settings.data_paths, default={})  # `data:` in mkdocs.yml (Config has its own .data)
    # Every PDF, from the same data: one template and one stylesheet each (coproduction/pdf.py).
    # Checked when the project is open (settings.documents), as each needs its data file.
    documents = c.ListOfItems(c.Type(dict), default=[])
    # The plain-English gate's thresholds and report (settings.readability_options).
    readability = Checked(settings.readability_options, default={})
    # Where model.json goes in the site.
    json_output = c.Type(str, default="model.json")
    # False only to measure the build without the PDFs (benchmarks/build_speed.py): pages
    # then get stand-in download details, and no PDF is made or written.
    make_pdfs = c.Type(bool, default=True)
    # Where the PDFs' render cache lives, from the project folder.
    print_cache_dir = c.Type(str, default=".cache/print")
