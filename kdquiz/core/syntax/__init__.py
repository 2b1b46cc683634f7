"""How each outside format spells text, apart from reading and writing whole files
(kdquiz.core.interchange): the kinds write their own questions with these, so they sit below both."""
