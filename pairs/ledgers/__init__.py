"""The Excel ledgers (台账) in the federation's layout: the columns and the Chinese values
(``layouts``), the cell readers (``widgets``), the import resources (``resources``), the
exports (``exports``) and the template files (``templates``)."""
