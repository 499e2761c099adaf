"""The conversation: a pure state machine from (state, event) to (next state, reply); no SDK, no text.

Start at ``table.py``, the front page: every (mode, event), the transition that runs and every place it
may land, and ``step()``. ``events.py`` names every event and what makes one (intents, touches);
``state.py`` the modes and the state; ``modes.py`` one record per mode (its question, help, touches...);
the replies are grouped by the part of the conversation they serve (``opening``, ``guide``, ``checks``,
``info``, ``moments``, ``care``, ``anywhere``), on the shared builders of ``say.py``. Replies name
content keys that the speech layer renders, and the screen each turn shows.

The names below are the package's public face, for the layers above it.
"""

from skill.conversation.events import Event, EventKind
from skill.conversation.opening import restart_after_error
from skill.conversation.state import CHECK_QUESTIONS, Mode, Muscle, State, Topic, Turn
from skill.conversation.table import TRANSITIONS, Transition, step

__all__ = [
    "CHECK_QUESTIONS",
    "TRANSITIONS",
    "Event",
    "EventKind",
    "Mode",
    "Muscle",
    "State",
    "Topic",
    "Transition",
    "Turn",
    "restart_after_error",
    "step",
]
