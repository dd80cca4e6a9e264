"""Store and load accountplan values as JSON, strictly.

Run: python examples/json_roundtrip.py
"""

from accountplan.exceptions import InvalidInputError
from accountplan.money import Money
from accountplan.serialization import from_json, to_json

fee = Money(amount="40.00", currency="EUR")
text = to_json(fee)
print("stored:", text)
assert from_json(text, Money) == fee

# Input from outside is checked, and every problem is reported with its path.
try:
    from_json('{"amount": 40.0, "currency": "EURO", "note": "x"}', Money)
except InvalidInputError as error:
    print(error)

# A repeated key is refused: json.loads alone would keep the last one.
try:
    from_json('{"amount": "40.00", "currency": "EUR", "amount": "40000.00"}', Money)
except InvalidInputError as error:
    print(error)
