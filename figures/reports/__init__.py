"""Monthly and yearly reports: the dashboard's tables (``tables``), as a workbook
(``workbook``) and a printable page, built in the background (``service``, ``figures.tasks``)."""
