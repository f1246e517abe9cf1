/// Reports (SPEC §9): SVG charts, the self-contained HTML report and the Jupyter notebook export.
public enum Reports {}
