"""A councillor's journey through the native runtime, via uniffi's generated Python bindings.

The library is the real `libshared.so` with its SQLite store, on a real folder. The test drives it
only through the exported `CoreRuntime` object, the way a shell does: it sends events and reads
the view model. It uses the JSON pair (`send_json`, `view_json`) so that it needs no generated
Python types; the shells use the bincode pair and their generated types.

Run by `cargo xtask ffi test`, with NC_PYTHON_BINDINGS naming the folder of `shared.py`.
"""

import json
import os
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.environ.get("NC_PYTHON_BINDINGS", "generated/bindings/python"))

import shared as nc  # noqa: E402  (the generated bindings)

PATIENCE_S = 20.0


class Listener:
    """The callback interface: told on the runtime's worker thread that the view changed."""

    def __init__(self):
        self.changed = threading.Event()
        self.threads = set()

    def view_changed(self):
        self.threads.add(threading.get_ident())
        self.changed.set()


def screen(view):
    """The screen's name and body: serde writes `{"Home": {...}}`."""
    [(name, body)] = view["screen"].items()
    return name, body


class Shell:
    """A runtime as a shell holds it."""

    def __init__(self, data_dir):
        self.listener = Listener()
        self.runtime = nc.CoreRuntime.open(data_dir, self.listener)

    def view(self):
        return json.loads(self.runtime.view_json())

    def send(self, event):
        self.runtime.send_json(json.dumps(event))

    def wait_for(self, what, done):
        """Waits until `done(view)` is truthy, waking on each view change; returns its value."""
        deadline = time.monotonic() + PATIENCE_S
        while True:
            self.listener.changed.clear()
            view = self.view()
            found = done(view)
            if found:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"waited for {what}; the view is {json.dumps(view, indent=1)[:3000]}")
            self.listener.changed.wait(min(left, 0.2))

    def wait_screen(self, name, extra=lambda body: True):
        return self.wait_for(
            f"the {name} screen",
            lambda v: screen(v)[1] if screen(v)[0] == name and extra(screen(v)[1]) else None,
        )

    def shutdown(self):
        self.runtime.shutdown()


def lesson_at(step, lesson_id=None):
    return lambda body: body["step"]["current"] == step and (lesson_id is None or body["lesson_id"] == lesson_id)


class Journey(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="nc-python-")
        self.data = os.path.join(self.dir.name, "data")

    def tearDown(self):
        self.dir.cleanup()

    def answer_quiz(self, shell, known):
        """Answers every question: the options in `known` when the question was seen before,
        else the first option. Learns the right options from each answer's feedback. Returns the
        result body."""
        while True:
            quiz = shell.wait_screen("Quiz")
            [(kind, body)] = quiz["body"].items()
            if kind == "Result":
                return body
            question = body
            qid = question["id"]
            choose = known.get(qid) or [question["options"][0]["id"]]
            for option in question["options"]:
                if option["id"] in choose:
                    shell.send(option["choose"]["event"])
                    shell.wait_for(
                        f"option {option['id']} to be picked",
                        lambda v, o=option["id"]: any(
                            opt["id"] == o and opt["selected"]
                            for opt in screen(v)[1]["body"].get("Question", {}).get("options", [])
                        ),
                    )
            checked = shell.wait_for("the check button", lambda v: screen(v)[1]["body"]["Question"]["primary"])
            shell.send(checked["event"])
            question = shell.wait_for(
                "feedback",
                lambda v: screen(v)[1]["body"]["Question"] if screen(v)[1]["body"]["Question"]["feedback"] else None,
            )
            known[qid] = [o["id"] for o in question["options"] if o["mark"] in ("Correct", "Missed")]
            self.assertTrue(known[qid], f"feedback names the right answer for {qid}")
            shell.send(question["primary"]["event"])
            shell.wait_for(
                "the next question or the result",
                lambda v: "Result" in screen(v)[1]["body"] or screen(v)[1]["body"]["Question"]["id"] != qid,
            )

    def test_a_councillor_learns_leaves_returns_passes_and_assesses(self):
        # Day one: start the first lesson and read one step.
        shell = Shell(self.data)
        home = shell.wait_screen("Home")
        self.assertIsNone(shell.view()["warning"])
        start = home["next"]["action"]
        shell.send(start["event"])
        lesson = shell.wait_screen("Lesson", lesson_at(1))
        lesson_id, title = lesson["lesson_id"], lesson["title"]
        total = lesson["step"]["total"]
        self.assertGreaterEqual(total, 2)
        shell.send(lesson["next"]["event"])
        shell.wait_screen("Lesson", lesson_at(2, lesson_id))

        # A meeting starts: leave mid-lesson, and the app is closed.
        shell.send({"Navigate": {"to": "Home"}})
        shell.wait_screen("Home")
        shell.shutdown()
        with self.assertRaises(nc.CoreError.Closed):
            shell.send("NextStep")
        del shell

        # Later, on the same device: the lesson is offered where it was left.
        shell = Shell(self.data)
        home = shell.wait_screen("Home")
        resume = home["resume"]
        self.assertIsNotNone(resume, "a lesson to resume")
        self.assertEqual(resume["title"], title)
        self.assertIn(f"Step 2 of {total}", resume["detail"])
        shell.send(resume["action"]["event"])
        lesson = shell.wait_screen("Lesson", lesson_at(2, lesson_id))

        # Read to the end and start the quiz.
        for _ in range(total):
            if lesson["next"]["label"] == "Start the quiz":
                break
            step = lesson["step"]["current"]
            shell.send(lesson["next"]["event"])
            lesson = shell.wait_screen("Lesson", lesson_at(step + 1, lesson_id))
        self.assertEqual(lesson["next"]["label"], "Start the quiz")
        shell.send(lesson["next"]["event"])

        # First attempt: guess, and learn from the feedback; then retry if needed and pass.
        known = {}
        result = self.answer_quiz(shell, known)
        if not result["passed"]:
            retry = next(a for a in result["actions"] if a["event"] == "RetryQuiz")
            shell.send(retry["event"])
            shell.wait_for("the quiz again", lambda v: "Question" in screen(v)[1].get("body", {}))
            result = self.answer_quiz(shell, known)
        self.assertTrue(result["passed"], result)
        self.assertIn("score_text", result)

        # The path shows the lesson complete.
        shell.send({"Navigate": {"to": "Path"}})
        path = shell.wait_screen("Path")
        rows = [row for module in path["modules"] for row in module["lessons"] if row["id"] == lesson_id]
        self.assertEqual(rows[0]["status"], "Complete")

        # The private self-assessment, every item answered.
        shell.send({"Navigate": {"to": "Assessment"}})
        intro = shell.wait_screen("Assessment", lambda b: "Intro" in b)["Intro"]
        self.assertIsNone(intro["last_result"], "no earlier result yet")
        shell.send(intro["start"]["event"])
        for _ in range(200):
            body = shell.wait_screen("Assessment", lambda b: "Item" in b or "Result" in b)
            if "Result" in body:
                break
            item = body["Item"]
            item_id = item["id"]
            if "Choice" in item["input"]:
                shell.send(item["input"]["Choice"]["choices"][-1]["choose"]["event"])
            else:
                for channel in item["input"]["Channels"]["channels"]:
                    shell.send(channel["frequencies"][1]["choose"]["event"])
            answered = shell.wait_for(
                f"item {item_id} to be answered",
                lambda v, i=item_id: screen(v)[1].get("Item", {}).get("next")
                if screen(v)[1].get("Item", {}).get("id") == i
                else None,
            )
            shell.send(answered["event"])
            shell.wait_for(
                "the next item or the result",
                lambda v, i=item_id: "Result" in screen(v)[1] or screen(v)[1].get("Item", {}).get("id") != i,
            )
        result = shell.wait_screen("Assessment", lambda b: "Result" in b)["Result"]
        self.assertTrue(result["stage"]["title"])
        self.assertTrue(result["areas"])
        self.assertTrue(0 <= result["overall"] <= 100)
        self.assertTrue(result["chart"]["series"])
        shell.shutdown()

        # Everything above was stored: a third launch still knows the result.
        shell = Shell(self.data)
        shell.wait_screen("Home")
        shell.send({"Navigate": {"to": "Assessment"}})
        intro = shell.wait_screen("Assessment", lambda b: "Intro" in b)["Intro"]
        self.assertIsNotNone(intro["last_result"], "the result survived closing the app")
        self.assertNotIn(threading.get_ident(), shell.listener.threads, "views are announced off the caller's thread")
        shell.shutdown()

    def test_bytes_that_are_not_an_event_are_refused_with_a_clear_error(self):
        shell = Shell(self.data)
        shell.wait_screen("Home")
        with self.assertRaises(nc.CoreError.InvalidEvent) as refused:
            shell.runtime.send(b"\xff\xff\xff\xff")
        self.assertIn("Update the app", str(refused.exception))
        with self.assertRaises(nc.CoreError.InvalidEvent):
            shell.send({"NoSuchEvent": {}})
        # The bridge-format view is bytes for the generated types to read.
        view = shell.runtime.view()
        self.assertIsInstance(view, bytes)
        self.assertGreater(len(view), 100)
        # And the runtime still works after the refusals.
        shell.send({"Navigate": {"to": "Settings"}})
        shell.wait_screen("Settings")
        shell.shutdown()


class DamagedStorage(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="nc-python-")

    def tearDown(self):
        self.dir.cleanup()

    def test_a_damaged_database_is_kept_aside_and_the_view_says_where(self):
        data = self.dir.name
        garbage = b"not a database; a half-written file after the battery died\n" * 200
        with open(os.path.join(data, "progress.db"), "wb") as f:
            f.write(garbage)
        shell = Shell(data)
        shell.wait_screen("Home")
        warning = shell.view()["warning"]
        self.assertIsNotNone(warning)
        self.assertIn("could not be read", warning)
        kept = [n for n in os.listdir(data) if n.startswith("progress.db.corrupt-") and not n.endswith(("-wal", "-shm"))]
        self.assertEqual(len(kept), 1, os.listdir(data))
        self.assertIn(kept[0], warning, "the warning says where the old file is")
        with open(os.path.join(data, kept[0]), "rb") as f:
            self.assertEqual(f.read(), garbage, "the old file is kept byte for byte")
        # The fresh database works.
        shell.send({"Navigate": {"to": "Settings"}})
        shell.wait_screen("Settings")
        shell.shutdown()

    def test_a_folder_that_cannot_hold_a_database_is_a_clear_error(self):
        blocker = os.path.join(self.dir.name, "blocker")
        with open(blocker, "w") as f:
            f.write("a file where the data folder should be")
        with self.assertRaises(nc.CoreError.Storage) as failed:
            Shell(os.path.join(blocker, "data"))
        message = str(failed.exception)
        self.assertIn("data folder cannot be used", message)
        self.assertIn("Check that it exists and can be written", message)


if __name__ == "__main__":
    unittest.main()
