"""The insatser pages, one module per sub-domain (ansokan, insats, avtal, rapporter, ekonomi); urls.py names them."""
