// SkyIO: module namespace. Replaced by the module's real sources as they land.
