"""Security and governance (no Qt): offline guard, IT policy, model allow-list,
keys (keyring + visible fallback), encrypted vault, retention, audit log.

Start-up: `security.startup.secure_startup(settings)`; see that module.
"""
