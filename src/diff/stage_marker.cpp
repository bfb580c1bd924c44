namespace flowctl::diff {
int stage_marker();
int stage_marker() { return 0; }
} // namespace flowctl::diff
