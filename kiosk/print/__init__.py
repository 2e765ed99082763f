"""PDF documents (reportlab): receipts, guides, authorizations, hand-over lists. No Qt."""
