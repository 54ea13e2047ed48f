"""Product words, Korean and English, and the Google Product Taxonomy node each names.

The category model has two parts: a classifier trained on the apparel reviews in data/ (which
only know women's clothing), and these words for every other part of the taxonomy, where the
project has no labelled reviews. A text that names no product and that the apparel classifier
is not sure about gets no category: a guess would be worse than none."""

from __future__ import annotations

# id -> (Korean morpheme forms, English words). Ids are Google Product Taxonomy 2021-09-21.
TERMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # Apparel & Accessories
    "2271": (("원피스", "드레스"), ("dress", "dresses", "gown", "sundress")),
    "212": (
        (
            "셔츠",
            "티셔츠",
            "블라우스",
            "니트",
            "스웨터",
            "맨투맨",
            "후드티",
            "상의",
            "티",
            "가디건",
            "나시",
        ),
        (
            "shirt",
            "shirts",
            "t-shirt",
            "tee",
            "blouse",
            "top",
            "tops",
            "sweater",
            "cardigan",
            "tunic",
            "pullover",
            "tank",
            "cami",
            "hoodie",
            "sweatshirt",
        ),
    ),
    "204": (
        ("바지", "청바지", "슬랙스", "레깅스", "하의", "진"),
        ("pants", "jeans", "trousers", "leggings", "slacks", "chinos"),
    ),
    "1581": (("치마", "스커트"), ("skirt", "skirts")),
    "207": (("반바지",), ("shorts",)),
    "5598": (
        ("자켓", "재킷", "코트", "패딩", "점퍼", "잠바", "야상", "트렌치코트"),
        ("jacket", "jackets", "coat", "coats", "parka", "blazer", "vest", "puffer"),
    ),
    "208": (
        ("잠옷", "파자마", "라운지웨어", "홈웨어"),
        ("pajamas", "pyjamas", "sleepwear", "loungewear", "robe", "nightgown"),
    ),
    "211": (("수영복", "비키니", "래쉬가드"), ("swimsuit", "bikini", "swimwear")),
    "213": (
        ("속옷", "팬티", "브라", "브래지어", "양말", "스타킹"),
        ("bra", "bras", "underwear", "panties", "socks", "tights", "lingerie"),
    ),
    "187": (
        ("신발", "운동화", "구두", "부츠", "샌들", "슬리퍼", "스니커즈", "로퍼", "힐"),
        ("shoes", "shoe", "sneakers", "boots", "sandals", "heels", "loafers", "slippers"),
    ),
    "3032": (
        ("가방", "핸드백", "숄더백", "토트백", "크로스백", "에코백"),
        ("handbag", "purse", "tote"),
    ),
    "2668": (("지갑",), ("wallet",)),
    "100": (("백팩", "책가방"), ("backpack",)),
    "107": (("캐리어", "여행가방"), ("suitcase", "luggage")),
    "188": (
        ("목걸이", "귀걸이", "반지", "팔찌", "주얼리"),
        ("necklace", "earrings", "ring", "bracelet", "jewelry"),
    ),
    "201": (("시계", "손목시계"), ("watch", "wristwatch")),
    "173": (("모자", "비니", "캡"), ("hat", "cap", "beanie")),
    "178": (("선글라스",), ("sunglasses",)),
    # Health & Beauty
    "567": (
        (
            "스킨",
            "로션",
            "크림",
            "토너",
            "에센스",
            "세럼",
            "선크림",
            "클렌징",
            "마스크팩",
            "수분크림",
            "앰플",
        ),
        ("moisturizer", "lotion", "serum", "toner", "sunscreen", "cleanser"),
    ),
    "477": (
        ("립스틱", "파운데이션", "쿠션", "마스카라", "아이섀도", "틴트", "화장품", "메이크업"),
        ("lipstick", "foundation", "mascara", "eyeshadow", "makeup", "cosmetics"),
    ),
    "486": (("샴푸", "린스", "컨디셔너", "트리트먼트", "헤어"), ("shampoo", "conditioner")),
    "526": (("칫솔", "치약"), ("toothbrush", "toothpaste")),
    "525": (
        ("영양제", "비타민", "유산균", "오메가"),
        ("vitamin", "vitamins", "supplement", "probiotics"),
    ),
    # Electronics
    "267": (
        ("휴대폰", "핸드폰", "스마트폰", "폰", "아이폰", "갤럭시"),
        ("phone", "smartphone", "iphone"),
    ),
    "328": (("노트북", "랩탑"), ("laptop", "notebook")),
    "4745": (("태블릿", "아이패드"), ("tablet", "ipad")),
    "505771": (
        ("이어폰", "헤드폰", "헤드셋", "에어팟", "버즈"),
        ("headphones", "earphones", "earbuds", "headset"),
    ),
    "249": (("스피커",), ("speaker", "speakers")),
    "404": (("티비", "TV", "텔레비전"), ("tv", "television")),
    "305": (("모니터",), ("monitor",)),
    "303": (("키보드",), ("keyboard",)),
    "304": (("마우스",), ("mouse",)),
    "505295": (("충전기", "어댑터", "케이블"), ("charger", "adapter", "cable")),
    "142": (("카메라",), ("camera",)),
    # Home & Garden, Furniture
    "619": (("청소기",), ("vacuum",)),
    "686": (("냉장고",), ("refrigerator", "fridge")),
    "2549": (("세탁기",), ("washer",)),
    "605": (("에어컨",), ("conditioner",)),
    "608": (("선풍기",), ("fan",)),
    "654": (("냄비", "프라이팬", "팬", "솥"), ("pan", "pot", "cookware", "skillet")),
    "672": (("그릇", "접시", "컵", "머그", "수저"), ("plate", "bowl", "mug", "cup", "cutlery")),
    "3809": (("텀블러", "물병"), ("tumbler", "bottle")),
    "569": (
        ("이불", "베개", "침구", "매트리스", "담요"),
        ("bedding", "pillow", "blanket", "duvet", "sheets", "mattress"),
    ),
    "4077": (("수건", "타월"), ("towel", "towels")),
    "594": (("조명", "전등", "스탠드", "램프"), ("lamp", "lighting")),
    "443": (("의자",), ("chair",)),
    "6392": (("책상", "테이블", "식탁"), ("desk", "table")),
    "460": (("소파", "쇼파"), ("sofa", "couch")),
    "464": (("선반", "책장"), ("shelf", "bookshelf")),
    "630": (("세제", "휴지", "물티슈", "섬유유연제"), ("detergent", "tissue", "wipes")),
    # Food, Beverages
    "1868": (("커피", "원두"), ("coffee",)),
    "2073": (("차", "녹차", "홍차"), ("tea",)),
    "430": (
        ("과일", "사과", "귤", "딸기", "채소", "야채", "고구마", "감자", "토마토"),
        ("fruit", "vegetables", "apples"),
    ),
    "432": (
        ("고기", "소고기", "돼지고기", "닭", "생선", "계란", "달걀", "새우"),
        ("meat", "beef", "chicken", "fish", "eggs"),
    ),
    "423": (
        ("과자", "간식", "스낵", "쿠키", "초콜릿", "젤리"),
        ("snack", "snacks", "chips", "cookies", "chocolate"),
    ),
    "422": (
        ("라면", "김치", "반찬", "소스", "쌀", "떡", "빵", "음식"),
        ("food", "sauce", "noodles", "bread", "rice"),
    ),
    "413": (("음료", "주스", "생수", "우유"), ("juice", "drink", "milk", "water")),
    # Baby, Toys, Pets, Sports, Media, Office
    "551": (("기저귀",), ("diaper", "diapers")),
    "568": (("유모차",), ("stroller",)),
    "1253": (("장난감", "인형", "레고", "블록"), ("toy", "toys", "doll", "lego")),
    "1246": (("보드게임",), ("boardgame",)),
    "5": (("강아지", "애견", "개"), ("dog", "puppy")),
    "4": (("고양이", "캣타워"), ("cat", "kitten")),
    "990": (("요가매트", "덤벨", "운동기구", "아령"), ("yoga", "dumbbell", "treadmill")),
    "1026": (("자전거",), ("bicycle", "bike")),
    "1011": (("텐트", "캠핑"), ("tent", "camping")),
    "784": (("책", "도서", "소설"), ("book", "novel")),
    "922": (("볼펜", "노트", "다이어리", "문구"), ("pen", "notebook", "stationery")),
    "888": (("자동차", "타이어", "블랙박스"), ("tire", "dashcam")),
}

KO_INDEX: dict[str, str] = {}
EN_INDEX: dict[str, str] = {}
for _id, (_ko, _en) in TERMS.items():
    for _term in _ko:
        KO_INDEX.setdefault(_term, _id)
    for _term in _en:
        EN_INDEX.setdefault(_term, _id)

# Class Name of the clothing reviews -> taxonomy id, and the department each id belongs to
# (to evaluate the taxonomy model against the reviews' own departments).
CLOTHING_CLASS_IDS: dict[str, str] = {
    "Dresses": "2271",
    "Knits": "212",
    "Blouses": "212",
    "Sweaters": "212",
    "Fine gauge": "212",
    "Pants": "204",
    "Jeans": "204",
    "Casual bottoms": "204",
    "Skirts": "1581",
    "Shorts": "207",
    "Jackets": "5598",
    "Outerwear": "5598",
    "Lounge": "208",
    "Sleep": "208",
    "Chemises": "208",
    "Swim": "211",
    "Intimates": "213",
    "Legwear": "213",
    "Layering": "213",
    "Trend": "1604",
}
ID_DEPARTMENT: dict[str, str] = {
    "2271": "Dresses",
    "212": "Tops",
    "204": "Bottoms",
    "1581": "Bottoms",
    "207": "Bottoms",
    "5598": "Jackets",
    "208": "Intimate",
    "211": "Intimate",
    "213": "Intimate",
    "1604": "Trend",
}
