"""The plan's section editors: each chapter of a plan edited in the portal the way the document prints it.

A chapter declares its editors in the registry (`plans.registry.Chapter.editors`, a callable
`editors(plan, data=None) -> list[Editor]`). The chapter's edit page shows every editor of the chapter;
one Save binds each to the POST, validates all of them and, only when every one is valid, saves them all
in one transaction with the plan locked. See `plans.editors.base.Editor` for what an editor provides.
"""
