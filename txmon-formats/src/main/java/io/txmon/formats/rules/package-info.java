/**
 * Rule files: the YAML format analysts write rule sets in, read strictly with line numbers in every
 * error, and the rule sets txmon ships ({@link io.txmon.formats.rules.RuleFile#defaults()} and the seeds'
 * baseline).
 */
package io.txmon.formats.rules;
