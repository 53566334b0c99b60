/**
 * The records Banyan writes, one definition each, bound to JSON with Jackson: the results line of a problem
 * ({@link dev.banyan.api.records.ResultLine}), its searched tree ({@link dev.banyan.api.records.TreeLine}, read
 * back as a {@link dev.banyan.search.SearchTree} by {@link dev.banyan.api.records.SavedTree}) and the training
 * records drawn from a tree ({@link dev.banyan.api.records.ExportFormat}). The command line, the Spark job and
 * embedding code all write these, so their files agree field for field.
 */
package dev.banyan.api.records;
