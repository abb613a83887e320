// jest runs the tests as CommonJS. A package that exports only an `import` entry (kubernetes-models 5 and its
// @kubernetes-models/* family) cannot be required, not even through Node 24's require(esm): where the usual
// conditions find nothing, resolve through that entry, and let swc transpile it (transformIgnorePatterns).
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    try {
      return options.defaultResolver(request, { ...options, conditions: [...(options.conditions ?? []), 'import'] });
    } catch {
      throw error;
    }
  }
};
