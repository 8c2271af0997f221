"""Build-step code for the Co-production Model site.

Plain Python with no MkDocs imports, so it can move to another site generator:
  model       - load and check data/model.yml and data/quotes.yml
  datafile    - read YAML with line numbers for clear error messages
  atomic      - write outputs so a failed build never leaves half a file
  pdf         - render the one-page A4 PDF with WeasyPrint (print/ holds its template)
  readability - the plain-English gate: text extraction, textstat scores, advice
  case_studies, self_assessment - check those data files
Run `python -m coproduction FILE.md` to check pages for plain English.
The MkDocs glue is one plugin, coproduction.plugin, and stays thin: its plugin.py lists the stages in order.
"""
