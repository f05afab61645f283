/**
 * GitHub Actions, run locally: {@code workflow} reads {@code .github/workflows/*.yml} into a model and
 * decides which workflows an event triggers, {@code expr} evaluates GitHub's expression language
 * ({@code ${{ ... }}} and {@code if:}), {@code runner} runs a workflow's jobs graph and steps the way
 * a GitHub-hosted runner does, with environments, approvals, secrets and step outputs.
 */
package org.mloop.ci;
