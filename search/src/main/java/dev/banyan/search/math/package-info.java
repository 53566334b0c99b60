/**
 * The math word-problem task (GSM8K, MATH-style free-text problems): the task itself, and the answer side
 * that every verdict rests on. {@link dev.banyan.search.math.MathAnswers} finds the final answer a solution
 * states ({@code \boxed{}}, "The answer is", {@code ####}, {@code A:}) and decides whether two answers are
 * equivalent by exact rational arithmetic (numbers in any notation, expressions evaluated at fixed rational
 * points, tuples, sets and intervals), falling back to normalised text; {@link dev.banyan.search.tasks.Grade}
 * is its verdict on a prediction. Everything else in the answer side is package-private: the extractor, the
 * LaTeX normaliser, the expression parser and the exact rationals.
 */
package dev.banyan.search.math;
