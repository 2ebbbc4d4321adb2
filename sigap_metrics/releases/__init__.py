"""Releases (DESIGN §6.1): the public numbers as a reviewed, dated, frozen monthly publication.

`model.Release` is the contract between the release store (prepare, publish, revise, list, load) and
everything that shows a release to the public: the app's *Transparansi publik* page, `export-open-data`
and the static site (DESIGN §6.2).
"""
