"""Local inference: engine protocol, out-of-process llama.cpp host, model catalog,
prompt formats and hardware detection. No Qt here."""
