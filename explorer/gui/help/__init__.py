"""The app's offline guide (guide.md), shown by Help -> Guide."""
