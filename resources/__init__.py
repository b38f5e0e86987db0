"""Data files that ship with Storyboarder: icons, the file-format schema, vocabularies.

Found through ``importlib.resources`` so that an installed wheel works as
well as a source checkout.
"""
