"""`kdquiz generate` on things of one kind described one after another (the pieces of a game,
the planets, the parts of a cell): each sentence that says something of one of them alone is
asked "Which <kind> ...?", the others as the choices. Each test feeds a made-up text and reads the
cards it gets."""

from __future__ import annotations

from generate_support import cards_of

from kdquiz.core.generate import document_from_text
from kdquiz.core.generate.siblings import compared_facts
from kdquiz.core.model import Kind

_PIECES = (
    "# The pieces of Castlemarch\n\n"
    "Each player has six kinds of pieces.\n\n"
    "1. The warden (W). A warden can step one square in any direction. "
    "The warden never leaves the home row.\n"
    "2. The archer (A). An archer can shoot along a diagonal line up to three squares away. "
    "An archer promotes to a captain.\n"
    "3. The tower (T). A tower can slide any distance along a row or a column. "
    "A tower promotes to a captain.\n"
    "4. The scout (S). A scout can leap over two pieces in a straight line.\n"
    "5. The herald (H). A herald can swap places with any friendly piece.\n"
    "6. The squire (Q). A squire can step one square in any direction or leap like a scout.\n"
)


def _asked(text: str) -> dict[str, dict]:
    return {
        c["prompt"]: c
        for c in cards_of(text, [Kind.MCQ])
        if c["prompt"].startswith("Which ") and "fits the blank" not in c["prompt"]
    }


def test_a_piece_of_a_game_is_asked_from_what_the_text_says_it_does() -> None:
    cards = _asked(_PIECES)
    tower = cards["Which piece can slide any distance along a row or a column?"]
    assert tower["answer"] == "tower"
    assert len(tower["choices"]) == 4
    assert set(tower["choices"]) <= {"warden", "archer", "tower", "scout", "herald", "squire"}


def test_what_two_of_them_share_or_a_predicate_naming_another_gives_no_card() -> None:
    prompts = " ".join(_asked(_PIECES))
    assert "captain" not in prompts  # the archer and the tower both promote to a captain
    assert "like a scout" not in prompts  # the squire's move names the scout
    # "can step one square in any direction" is the warden's and half the squire's: the squire,
    # whose sentence says all of it, is no wrong choice beside the warden.
    found = compared_facts(document_from_text(_PIECES, "t.md"))
    warden = next(c for c in found.values() if c.answer == "warden" and "step" in c.prompt)
    assert "squire" not in warden.wrong


def test_headings_that_each_name_a_planet_give_which_planet_questions() -> None:
    text = (
        "# The inner planets\n\n"
        "The four inner planets are small and rocky.\n\n"
        "## Mercury\n\nMercury has almost no atmosphere to speak of. "
        "A year on Mercury lasts 88 days.\n\n"
        "## Venus\n\nVenus spins slowly in the opposite direction to most planets.\n\n"
        "## Earth\n\nEarth has one large moon and liquid water on its surface.\n\n"
        "## Mars\n\nMars has two small moons, Phobos and Deimos.\n"
    )
    cards = _asked(text)
    mars = cards["Which planet has two small moons, Phobos and Deimos?"]
    assert mars["answer"] == "Mars"
    assert sorted(mars["choices"]) == ["Earth", "Mars", "Mercury", "Venus"]


def test_plural_things_are_asked_among_plural_things() -> None:
    text = (
        "# Parts of a cell\n\n"
        "A cell contains several organelles, each with a job of its own.\n\n"
        "Mitochondria produce most of the chemical energy that powers the cell.\n\n"
        "Ribosomes build proteins from amino acids by reading messenger RNA.\n\n"
        "The nucleus holds the genetic material and controls gene expression.\n\n"
        "Lysosomes break down worn-out organelles with digestive enzymes.\n\n"
        "Chloroplasts capture light energy in plant cells.\n"
    )
    cards = _asked(text)
    ribosomes = cards["Which of these build proteins from amino acids by reading messenger RNA?"]
    assert ribosomes["answer"] == "ribosomes"
    # "the nucleus" is one thing among many: no choice beside plurals; "cell" is the whole.
    assert set(ribosomes["choices"]) == {"mitochondria", "ribosomes", "lysosomes", "chloroplasts"}


def test_a_tool_and_a_part_of_it_or_keys_beside_words_are_no_set() -> None:
    text = (
        "# The frob utility\n\n"
        "frob packs the named files into one archive.\n\n"
        "zfrob reads an archive and prints what it holds on the screen.\n\n"
        "frob archive format is described in a separate note for implementers.\n\n"
        "Compression uses the deflate method on every block of data.\n"
    )
    assert compared_facts(document_from_text(text, "t.md")) == {}
    keys = (
        "# Keys\n\n"
        "C-a moves to the start of the line.\n\n"
        "C-e moves to the end of the line.\n\n"
        "Delete removes the character under the cursor.\n\n"
        "M-f moves forward one word at a time.\n"
    )
    assert compared_facts(document_from_text(keys, "t.md")) == {}


def test_the_items_of_a_list_described_in_turn_are_asked_by_the_lists_kind() -> None:
    text = (
        "# States of matter\n\n"
        "There are four states of matter: solid, liquid, gas and plasma. A solid has a fixed "
        "shape and a fixed volume. A liquid flows freely but keeps a fixed volume. A gas spreads "
        "out to fill any container. Plasma is made of charged particles and glows in a strong "
        "electric field.\n"
    )
    cards = _asked(text)
    gas = cards["Which state spreads out to fill any container?"]
    assert gas["answer"] == "gas"
    assert sorted(gas["choices"]) == ["gas", "liquid", "plasma", "solid"]


def test_the_shorter_subject_is_the_name_when_its_verb_ends_in_s() -> None:
    text = (
        "# Forces of nature\n\n"
        "Gravity pulls every object towards the centre of the planet.\n\n"
        "Friction slows every object that slides across rough ground.\n\n"
        "Magnetism attracts iron and nickel from a short distance.\n\n"
        "Buoyancy lifts light objects to the surface of water.\n"
    )
    cards = _asked(text)
    friction = cards["Which force slows every object that slides across rough ground?"]
    assert friction["answer"].casefold() == "friction"
    choices = sorted(c.casefold() for c in friction["choices"])
    assert choices == ["buoyancy", "friction", "gravity", "magnetism"]
    # Written alike: the text never shows them inside a sentence, so all as it opens on them.
    assert len({c[:1].isupper() for c in friction["choices"]}) == 1


def test_sentences_in_a_row_each_on_another_thing_are_a_set_too() -> None:
    text = (
        "# Matter\n\n"
        "Everything around us is made of matter. A solid has a fixed shape and a fixed volume. "
        "A liquid flows freely but keeps a fixed volume. A gas spreads out to fill any "
        "container. A plasma is made of charged particles and glows in a strong electric "
        "field.\n"
    )
    cards = _asked(text)
    liquid = cards["Which of these flows freely but keeps a fixed volume?"]
    assert liquid["answer"] == "liquid"
    assert sorted(liquid["choices"]) == ["gas", "liquid", "plasma", "solid"]


def test_a_list_names_its_kind_and_people_keep_their_names() -> None:
    baking = (
        "# Baking bread\n\n"
        "The basic ingredients are flour, water, salt and yeast. Flour gives the loaf its "
        "structure. Water activates the gluten in the flour. Salt controls the rate of "
        "fermentation and adds flavour. Yeast produces the carbon dioxide that makes the dough "
        "rise.\n"
    )
    salt = _asked(baking)["Which ingredient controls the rate of fermentation and adds flavour?"]
    assert salt["answer"] == "salt"
    family = (
        "# A family of makers\n\n"
        "Anna Rilke is a painter who lives in Lyon. Marc Rilke teaches physics at a school in "
        "Geneva. Sophie Rilke writes novels about the sea. Paul Rilke runs a bakery in the old "
        "town.\n"
    )
    paul = _asked(family)["Which of these runs a bakery in the old town?"]
    assert paul["answer"] == "Paul Rilke"
    assert "Anna Rilke" in paul["choices"] or "Marc Rilke" in paul["choices"]


def test_the_parts_of_one_example_told_with_the_are_no_set() -> None:
    text = (
        "# Reading the loop\n\n"
        "The function takes a list of numbers. The loop visits each number once. The counter "
        "grows by one on every pass. The result holds the running total. The program prints "
        "the total at the end.\n"
    )
    assert compared_facts(document_from_text(text, "t.md")) == {}


def test_a_bulleted_list_of_names_and_dashes_is_a_set() -> None:
    text = (
        "# Pieces of the Hill game\n\n"
        "- **Shepherd** – moves one field in any direction and never jumps.\n"
        "- **Wolf** – moves up to three fields in a straight line.\n"
        "- **Eagle** – flies over any number of pieces along a diagonal.\n"
        "- **Sheep** – stays in place unless a shepherd stands beside it.\n"
        "- **Hound** – chases the nearest wolf one field at a time.\n"
    )
    cards = _asked(text)
    wolf = cards["Which piece moves up to three fields in a straight line?"]
    assert wolf["answer"] == "wolf"
    assert "shepherd" not in " ".join(cards)  # the sheep's rule names the shepherd: no card


def test_a_thing_said_to_do_it_in_any_way_is_no_wrong_choice_for_a_narrower_move() -> None:
    text = (
        "# Pieces of Ridgeway\n\n"
        "1. The warden (W). A warden can step one square in any straight or diagonal direction.\n"
        "2. The pikeman (P). A pikeman can step one square in a diagonal direction only.\n"
        "3. The archer (A). An archer can shoot three squares along a row.\n"
        "4. The scout (S). A scout can leap over two pieces in a column.\n"
        "5. The herald (H). A herald can swap places with a friendly piece.\n"
        "6. The banner (B). A banner can never leave the back row of its owner.\n"
    )
    found = compared_facts(document_from_text(text, "t.md"))
    pikeman = next(c for c in found.values() if c.answer == "pikeman")
    # The warden steps "in any straight or diagonal direction": the pikeman's move too.
    assert "warden" not in pikeman.wrong
    assert {"archer", "scout", "herald"} <= set(pikeman.wrong)
