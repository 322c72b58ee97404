"""Just enough of the `winreg` module for the registry readers, over a dict.

    FakeWinreg({("HKLM", r"SOFTWARE\\Policies\\DeskAssistant"): {"RetentionDays": 30}})

Keys are (hive, path) tuples; subkeys are found by joining paths with a backslash.
"""

from __future__ import annotations


class FakeWinreg:
    HKEY_LOCAL_MACHINE = "HKLM"
    HKEY_CURRENT_USER = "HKCU"

    def __init__(self, tree: dict) -> None:
        self.tree = tree  # {(hive, path): {name: value}}

    def OpenKey(self, parent, sub):  # noqa: N802 - winreg's names
        path = (parent, sub) if isinstance(parent, str) else (parent[0], parent[1] + "\\" + sub)
        if path not in self.tree:
            raise FileNotFoundError(path)
        return path

    def EnumValue(self, key, index):  # noqa: N802
        items = list(self.tree[key].items())
        if index >= len(items):
            raise OSError("no more")
        return items[index][0], items[index][1], 1

    def QueryValueEx(self, key, name):  # noqa: N802
        try:
            return self.tree[key][name], 1
        except KeyError:
            raise FileNotFoundError(name) from None

    def CloseKey(self, key):  # noqa: N802
        pass
