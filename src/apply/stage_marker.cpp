namespace flowctl::apply {
int stage_marker();
int stage_marker() { return 0; }
} // namespace flowctl::apply
