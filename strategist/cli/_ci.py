"""What `init` writes for the git host: a pre-commit configuration and a CI pipeline.

The pre-commit hooks are `repo: local` and `language: system`: a workspace repository
cannot know where strategist's own repository lives, and the hooks run the `strategist`
the team has installed. The CI pipeline installs strategist from a pip requirement
(`--install`), checks and builds the workspace on every push and merge request, keeps
`outputs/` as an artifact and publishes it to the host's Pages from the default branch.
`outputs/internal/` (confidential inputs) is never published: CI never builds it, and
the published folder drops it should it exist.
"""

from __future__ import annotations

import shlex

from strategist import __version__
from strategist.chars import CONTROL

__all__ = ["CI_FILES", "DEFAULT_INSTALL", "PRE_COMMIT_CONFIG", "ci_file", "valid_install"]

DEFAULT_INSTALL = f"cluster-strategist=={__version__}"
"""The pip requirement CI installs by default: this strategist, from the package index."""

PRE_COMMIT_CONFIG = """\
# pre-commit hooks for this strategy workspace (written by `strategist init`).
# Install them once per clone with `pre-commit install`; they run the `strategist`
# installed on this machine before every commit:
#   strategist-check    the workspace has no errors and no warnings (check --strict)
#   strategist-outputs  outputs/ is what `strategist build` writes now (build --check)
repos:
  - repo: local
    hooks:
      - id: strategist-check
        name: strategist check --strict
        entry: strategist check --strict
        language: system
        pass_filenames: false
        files: ^(strategy\\.yaml|themes/|workshops/|narrative/)
      - id: strategist-outputs
        name: strategist build --check (outputs/ is up to date)
        entry: strategist build --check
        language: system
        pass_filenames: false
        files: ^(strategy\\.yaml|themes/|workshops/|narrative/|outputs/)
"""

_GITHUB = """\
# Check and build the strategy on every push and pull request (written by
# `strategist init`). Findings are annotated on the pull request's lines; outputs/ is
# kept as an artifact and, on the default branch, published to GitHub Pages (turn
# Pages on under Settings → Pages → Source: GitHub Actions). outputs/internal/, with
# the confidential inputs, is never built here and never published.
name: strategy

on:
  push:
  pull_request:

permissions:
  contents: read

concurrency:
  group: strategy-${{ github.ref }}
  cancel-in-progress: true

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install strategist
        run: |
          python -m pip install @INSTALL@
      - name: Check the workspace
        run: strategist check --format github
      - name: Build the documents
        run: strategist build
      - name: Collect the public documents
        run: |
          rm -rf _site
          cp -R outputs _site
          rm -rf _site/internal
          cp _site/strategy.html _site/index.html
      - uses: actions/upload-artifact@v4
        with:
          name: outputs
          path: _site
      - if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
        uses: actions/upload-pages-artifact@v3
        with:
          path: _site

  publish:
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

_GITLAB = """\
# Check and build the strategy on every push and merge request (written by
# `strategist init`). outputs/ is kept as an artifact and, on the default branch,
# published to GitLab Pages. outputs/internal/, with the confidential inputs, is never
# built here and never published.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH

stages:
  - build
  - deploy

strategy:
  stage: build
  image: python:3.11-slim
  script:
    - |
      python -m pip install @INSTALL@
    - strategist check
    - strategist build
    - rm -rf public
    - cp -R outputs public
    - rm -rf public/internal
    - cp public/strategy.html public/index.html
  artifacts:
    name: outputs
    paths:
      - public

pages:
  stage: deploy
  image: busybox
  needs:
    - strategy
  script:
    - test -f public/index.html
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""

CI_FILES = {"github": ".github/workflows/strategy.yml", "gitlab": ".gitlab-ci.yml"}
"""Where each host's pipeline goes, relative to the workspace."""


def valid_install(spec: str) -> str | None:
    """Why `spec` cannot be written into a pipeline (None when it can)."""
    if not spec.strip():
        return "--install needs a pip requirement, e.g. cluster-strategist==0.1.0"
    if CONTROL.search(spec) or "\n" in spec or "\t" in spec:
        return "--install must be one line of printable text"
    if "${{" in spec:
        return "--install may not hold ${{, which GitHub would read as an expression"
    return None


def ci_file(host: str, install: str) -> str:
    """The pipeline for `host` (`github`, `gitlab`) that installs strategist with pip's
    requirement `install` (a name and version, a git URL …), quoted for the shell."""
    # The command stands in a literal block (`|`), which YAML takes as written.
    template = _GITHUB if host == "github" else _GITLAB
    return template.replace("@INSTALL@", shlex.quote(install))
