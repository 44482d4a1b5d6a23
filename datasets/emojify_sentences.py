"""The sentences of ``emojify.h5``, written for this course (CC0), one list per emoji class.

Lower case, words separated by single spaces, no punctuation and no apostrophes (GloVe splits
"don't" into "do" and "n't"), every word in GloVe's vocabulary.  Each class has sentences whose
meaning hangs on word order or negation ("i am not happy" is sad, "not sad at all" is happy), so
that a model that only averages word vectors has something to get wrong.
"""

CLASSES = ["heart", "baseball", "smile", "disappointed", "fork_and_knife"]
MEANINGS = ["love", "sport", "happy", "sad", "food"]

TRAIN = {
    0: """
i love you
i adore my grandmother
you are the love of my life
my heart belongs to you
i miss you so much my darling
will you marry me
i really care about you
she is my sweetheart
we have been in love for ten years
he kissed her goodnight
i cherish every moment with you
you mean the world to me
my wife is the most beautiful woman
i love my little sister
my parents love each other deeply
i cannot stop thinking about you
he gave her roses for valentines day
i am crazy about you
you hold my heart
she fell in love with him at first sight
my dog loves me more than anyone
i want to hold your hand forever
happy anniversary my love
i will always love you
my family means everything to me
thank you for loving me
i love you more than words can say
we are soulmates
kiss me
my boyfriend is so sweet to me
i have feelings for you
i am not angry i just love you
love is all we need
i hug my mother every morning
you are my valentine
he is the man of my dreams
i miss my grandparents and love them dearly
our wedding day was full of love
i love the way you smile
i can not live without you
my love for you grows every day
she said yes when i asked her to marry me
i am not lonely when you are with me
you are not just my friend you are my love
we hold hands on every walk
i feel safe in your arms
he writes her love letters
our first kiss was magical
i love spending time with my kids
you are the sweetest person i know
my grandfather still adores my grandmother
i am so lucky to have you
darling i love you
honey you are wonderful
i think about you all day
she is the love of my life
we are a happy couple
""",
    1: """
let us play baseball
the game starts at noon
he hit a home run
our team won the championship
i want to watch the match tonight
she is the best pitcher in the league
the ball went over the fence
we practice every saturday
he threw the ball very hard
who won the game last night
the stadium was full of fans
i play tennis with my brother
she scored a goal in the final minute
let us go to the gym
he runs five miles every day
the coach told us to train harder
my favorite sport is basketball
i bought new running shoes
they lost the game but played well
we need one more player for the team
the tournament starts next week
i love watching football on sunday
he swims in the pool every morning
the players are warming up
she won a gold medal
the umpire called him out
our soccer team is not bad at all
i joined the volleyball club
the batter swung and missed
the season opener is tomorrow
we went skiing in the mountains
he broke the world record
the fans cheered for the home team
i am training for a marathon
do you want to play golf
the match ended in a draw
he catches every ball
the pitcher threw a fast ball
he scored three goals in the game
we play football after school
the team is training for the final
she hit the ball out of the park
i go running in the park every weekend
the race starts at nine
our team did not lose a single game
the referee stopped the match
he is the fastest runner on the team
we cheered when the team scored
i am not tired after the game
she plays hockey every winter
the cyclists rode up the hill
they won the cup again
the crowd went wild after the goal
my brother is a soccer player
we lost the match in the last minute
""",
    2: """
i am so happy
this is the best day ever
she smiled at me
i got the job
what a wonderful surprise
that joke was so funny
i passed the exam
we had a great time at the party
i feel fantastic today
you made me laugh
the weather is beautiful today
good news everyone
i am not sad at all
i am proud of you
congratulations on your graduation
this is so much fun
we finally won the lottery
i am not worried anymore
everything is going well
i am glad you came
she is always cheerful
i feel great
that was hilarious
yay the holidays are here
i am excited about the trip
life is good
my friends threw me a surprise party
i cannot stop laughing
he is in a good mood
i am delighted to see you
this is not bad at all
the kids are having fun
what a lovely day
i got a promotion
i finally feel better
i am never bored with you
today was amazing
i am not unhappy at all
i am really not sad today
not bad at all
this is not boring at all
i am not upset anymore
i have never been so happy
nothing could ruin this day
the sun is shining and i feel good
we laughed all evening
i am so glad it worked
what a fun weekend
she is smiling from ear to ear
my test went really well
i love this sunny weather
i feel lucky today
this made my day
everyone is in a great mood
the show was so funny
it was not a bad day after all
""",
    3: """
i am sad
this is so disappointing
i failed the test
she did not come to my party
i lost my wallet
i feel lonely
nobody called me today
i am not happy
my cat is sick
the movie was boring
it is raining again
i missed the bus
he left without saying goodbye
that was a terrible day
i am so tired of this
i did not get the job
this is not fun
we lost everything
i feel terrible
my phone is broken
i miss the old days
work is stressful
my flight was cancelled
i am not feeling good
she forgot my birthday
i am upset
this is the worst day of my life
my plants died
nothing ever goes right
i am not excited about monday
the concert was cancelled
i have no friends
i cried all night
the trip was a disaster
i regret what i said
i hate being ignored
i feel so bad
i am not happy about this
this is not funny
i do not feel good
it is not a good day
nothing is fun anymore
i am not glad at all
i am not having a good time
today was not great
i feel down
everything went wrong today
i am so unhappy
he is sad because his dog died
i did not sleep at all
my team lost and i feel awful
the food was cold and the service was slow
i miss my friends so much
this is depressing
she is crying in her room
it was a boring and sad movie
""",
    4: """
i am hungry
let us have dinner
i want to eat pizza
what is for lunch
she cooked a delicious meal
i love eating pasta
let us grab a sandwich
i had eggs for breakfast
the soup is hot
we ordered sushi
dinner is ready
i am starving
he baked a chocolate cake
can we get some food
i would like a burger and fries
the restaurant serves great steak
i am making salad tonight
we had a barbecue in the garden
let us go out for breakfast
this bread is fresh
he eats rice every day
the chicken was tasty
i want some ice cream
my mother makes the best cookies
i am not full yet
they invited us for lunch
i need a snack
the cheese is delicious
i could eat a horse
let us order takeout
i had fish and chips
the pancakes smell amazing
we are going to a new restaurant
please pass the salt
i am cooking noodles
i am not hungry i just want dessert
this pizza is not bad at all
the pasta needs more salt
let us cook dinner together
i want a bowl of soup
the bakery sells fresh bread
we ate tacos for lunch
she made pancakes for breakfast
i would love a cup of tea and a biscuit
this restaurant has the best burgers
i am craving chocolate
what should we eat tonight
let us order a pizza
grandma cooked a huge dinner
i had a sandwich for lunch
the steak was delicious
i want rice and chicken
we need to buy eggs and milk
""",
}

TEST = {
    0: """
i love my husband
you are my everything
she is in love with her best friend
i miss you
i adore you
he proposed to her last night
i care about my family
my heart beats for you
i love you so much
we will be together forever
i am not bored i am in love
i will love you forever
she misses her husband
you are the one for me
""",
    1: """
let us play ball
the game was exciting
he is a great baseball player
i watched the tennis match
our team is playing tonight
she runs every morning
we won the final
he hit the ball hard
the team needs a new coach
i like to play soccer
the players are tired after the match
the match starts soon
he kicked the ball into the goal
i am not bad at tennis
""",
    2: """
i am very happy
this is great news
she laughed at my joke
i won the prize
you make me smile
i am not sad
we had so much fun
i feel wonderful
what a great day
i am thrilled
the party was awesome
i am not unhappy
this day is going great
what a funny movie
""",
    3: """
i am so sad
i am not happy at all
the exam was a disaster
i feel so alone
nobody came to my party
i lost the game
this is not good
she broke my heart
my car broke down
i am disappointed
i am unhappy
i am not having fun
this is not a good day
everything is going wrong
""",
    4: """
i want to eat
let us get lunch
the pizza is delicious
i am so hungry
dinner was great
i made pasta
we had breakfast together
i want a cheeseburger
he cooked dinner for us
the cake tastes good
i am not hungry yet
let us have pizza tonight
i am not full
breakfast is ready
""",
}


# Contrastive pairs: a sentence and its negation, which flips happy (2) and sad (3).  The key
# is the label of the plain sentence (left); the negated one (right) gets the other label.  An
# average of word vectors cannot get both sides of a pair right for both kinds of words ("not"
# would have to push "happy" towards sad and "sad" towards happy); a model that reads the
# words in order can.
NEGATION_PAIRS_TRAIN = {
2: """he is happy with his new job | he is not happy with his new job
we are glad you came | we are not glad you came
she feels great today | she does not feel great today
i am pleased with the results | i am not pleased with the results
my brother is cheerful | my brother is not cheerful
the kids are excited | the kids are not excited
this movie is funny | this movie is not funny
i feel good about it | i do not feel good about it
we had a good time | we did not have a good time
my day was wonderful | my day was not wonderful
they are happy together | they are not happy together
she is in a good mood | she is not in a good mood
i am satisfied | i am not satisfied
the trip was fun | the trip was not fun
he was delighted | he was not delighted
i am enjoying this | i am not enjoying this""",
3: """i am sad today | i am not sad today
she is upset | she is not upset
he feels lonely | he does not feel lonely
we are worried | we are not worried
my sister is miserable | my sister is not miserable
i feel awful tonight | i do not feel awful tonight
the news was bad | the news was not bad
they are disappointed | they are not disappointed
i am unhappy with my work | i am not unhappy with my work
he is depressed | he is not depressed
my day was awful | my day was not awful
she feels gloomy | she does not feel gloomy
we are bored | we are not bored
i feel hopeless | i do not feel hopeless
the weather makes me sad | the weather does not make me sad"""}
NEGATION_PAIRS_TEST = {
2: """my mother is happy | my mother is not happy
i am glad today | i am not glad today
the party was fun | the party was not fun
he feels good | he does not feel good
we are excited about the trip | we are not excited about the trip
she is pleased | she is not pleased""",
3: """my friend is sad | my friend is not sad
i am upset today | i am not upset today
he is worried about the exam | he is not worried about the exam
we feel lonely | we do not feel lonely
the movie was terrible | the movie was not terrible
she is disappointed | she is not disappointed"""}


_NEGATED = {2: 3, 3: 2}


def sentences(split: dict, pairs: dict | None = None) -> list[tuple[str, int]]:
    """(sentence, label) pairs of one split, in class order, then those of its negation
    ``pairs`` (the plain sentence, then its negation with the other label)."""
    out = [(line.strip(), label) for label, block in split.items()
           for line in block.strip().splitlines() if line.strip()]
    for label, block in (pairs or {}).items():
        for line in block.strip().splitlines():
            plain, negated = (part.strip() for part in line.split("|"))
            out += [(plain, label), (negated, _NEGATED[label])]
    return out
