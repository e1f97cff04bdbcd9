"""Figures: the programme's numbers, live, by county and period (the top room).

``figures`` ← every other room: it may import ``cms``, ``courses``, ``stories``, ``people``,
``pairs`` and ``enrollment``; nothing imports it. ``selectors/`` read the figures (a module per
subject, each a fixed number of aggregate queries, in the county scope of ``scope.py``);
``admin/`` is the back-office dashboard (``/admin/people/figures/``); ``charts.py`` draws its
SVG charts with pygal; ``home.py`` gives the home page its cached headline figures through the
``home_page_figures`` hook the cms side calls.
"""
