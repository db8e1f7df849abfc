"""Package discovery (everything else is in pyproject.toml).

Every package under explorer/ is found here, so a new subpackage can never
be missing from a built wheel; geodata/ and seeds/ live at the top of the
repository and are installed as explorer.geodata and explorer.seeds (the
package-dir mapping in pyproject.toml).
"""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["explorer", "explorer.*"]) + ["explorer.geodata", "explorer.seeds"])
