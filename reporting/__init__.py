"""Files people take away: the report as Word (Decree 30 layout) and Excel, trend charts."""
