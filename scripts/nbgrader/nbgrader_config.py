# nbgrader's configuration for these notebooks (TypeScript on the tslab kernel), used by scripts/nbgrader/check.sh
# (npm run nbgrader:check): `nbgrader generate_assignment` then makes the same learner's copy as `npm run handouts`
# (scripts/lib/student.ts). A solution is the lines from `// BEGIN SOLUTION` to `// END SOLUTION`, both included,
# inside a code cell; it becomes one line that throws, at the BEGIN line's indentation.
c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)

c.ClearSolutions.begin_solution_delimeter = "// BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "// END SOLUTION"
# keyed by the notebook's kernelspec language (tslab's is "typescript")
c.ClearSolutions.code_stub = {"typescript": 'throw new Error("not written yet");'}
# The solution cells carry no nbgrader cell metadata (they are self-checked, not graded), so nbgrader must not
# insist on it. To grade with nbgrader instead, give the cells metadata.nbgrader (scripts/nbgrader/README.md)
# and remove this line.
c.ClearSolutions.enforce_metadata = False
