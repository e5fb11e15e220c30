"""Load: read the seed files into the typed model (``generator.model``), every value with its file and line.

``read`` (ruamel.yaml, positions kept for messages), ``fast`` (libyaml fast path when nothing is wrong), ``sentences`` (an article text split into numbered sentences).
"""
