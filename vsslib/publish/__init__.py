"""The build engine: plan the jobs, snapshot the inputs, run the notebooks, render, publish, assemble workbooks."""
