"""Version of the engine code; stored in every trace so a decision names the code that made it.

Bump the minor part when a formula changes behaviour, the patch part for anything else.
Parameter changes do not need a bump: traces also carry a digest of the rule files.
"""

ENGINE_VERSION = "1.0.0"
