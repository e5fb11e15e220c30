"""Draft: ``python -m generator draft PATH --slug SLUG`` scaffolds the seed files of a new article, with candidate facts to confirm.

``scaffold`` (the command), ``names``, ``figures``, ``dates``, ``quotes`` (the candidates found in the text).
"""
