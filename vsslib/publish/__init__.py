"""Publishing: notebooks run per period and rendered to offline HTML, with Swedish tables and charts."""
