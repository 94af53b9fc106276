//! Each manager's call list (filled in by the downloads step).
