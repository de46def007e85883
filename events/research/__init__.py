"""The record read across editions: who took part when, the series' timeline, citations and harvesting."""
