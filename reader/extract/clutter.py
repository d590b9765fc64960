"""Vocabulary shared by the HTML and plain-text extractors: clutter lines, related-story markers,
and the metadata lines (source, age, date) that sit under a headline.

Everything here is a general rule about how news pages are built, never about one site.
"""

from __future__ import annotations

import itertools
import re

from reader.dates import month_number
from reader.textutil import clean_line, word_count

# --------------------------------------------------------------------------- clutter lines

# The words a page puts before the story's keyword tags.
_TAG_WORDS = (
    r"tags|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|etiquetas|étiquettes|mots-clés"
    r"|palavras-chave|tagi"
)
# Whole lines that are page furniture, not story text (matched against the folded line).
_CLUTTER_LINE = re.compile(
    r"""^(?:
        logo | site\ logo | menu | home | search | close | skip\ to\ (?:main\ )?content | advertisement
      | ad | ads | sponsored(?:\ (?:content|links?))? | promoted | loading\.*
      | (?:\w+\ )?background | placeholder | image | photo | icon | thumbnail | video | play
      | (?:leave\ a\ |add\ a\ |post\ a\ |\d+\ |view\ |show\ |read\ )?comments?(?:\ \(\d+\))?
      | no\ comments?(?:\ yet)?[.!…]* | be\ the\ first\ to\ comment[.!…]*
      | (?:log\ ?in|sign\ ?in|sign\ up|register)(?:\ to\ (?:comment|reply|continue))?[.!…]*
      | share | share\ (?:this|on|via|article|story|post)\b.* | tweet | email | print | copy\ link
      | facebook | twitter | x | linkedin | whatsapp | reddit | pinterest | telegram
      | follow\ us\b.* | follow\ on\ \w+.*
      | (?:follow|read|see|get|find)\ (?:[\w.'’-]+\ ){0,3}(?:full|complete|live|latest|more|all|continuing)
        \ (?:[\w.'’-]+\ )?coverage\ (?:of|on|at)\b.{0,200}
      | (?:last\ )?updated\ ?(?:on|at)?\s*: | (?:first\ )?published\ ?(?:on|at)?\s*: | posted\ ?(?:on)?\s*:
      | related(?:\ (?:articles?|stories|news|posts|content|coverage|topics|links|reading))?\s*:?
      | more\ (?:stories|news|articles|from\ .{1,40}|on\ .{1,40}|like\ this)\s*:?
      | (?:you\ )?(?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)[.:]?
      | recommended(?:\ for\ you|\ stories|\ articles|\ reading)? | trending(?:\ now|\ stories)?
      | most\ (?:read|popular|viewed|shared) | read\ (?:more|next|also)\s*:? | also\ read\s*:?
      | top\ stories | latest(?:\ news|\ stories)? | editor'?s\ picks?
      | (?:download|get)\ (?:the|our)\ (?:\w+\ )?app\b.* | app-?store.* | play-?store.* | google\ play
      | available\ on\ the\ (?:app\ store|google\ play).*
      | try\ our\ .{0,30}features? | explore\ what\ .{0,40}\ can\ do\ for\ you\b.*
      | get\ started(?:\ now)?\b.{0,40}
      | (?:subscribe|sign\ up)(?:\ (?:now|today|here|for\ free))?[.!]* | newsletter
      | (?:subscribe|sign\ up)\ (?:to|for)\ (?:our|the)\ .{0,40}newsletters?\b.*
      | accept(?:\ all)?(?:\ cookies)? | reject(?:\ all)? | manage\ (?:cookies|preferences|settings)
      | cookie\ (?:settings|preferences|policy) | got\ it!?
      | (?:privacy|cookie)\ policy | terms\ (?:of\ (?:use|service)|and\ conditions)
      | all\ rights\ reserved.* | ©.* | copyright\ ©?.*
      | (?:also\ read|read\ (?:more|also|next)|see\ (?:also|more)|related|watch)\s*[:|]\s*.{0,200}
      | don['’]?t\ miss
      | (?:lesen\ sie\ (?:auch|mehr|hier)|lies\ auch|auch\ interessant|mehr\ zum\ thema
         |lea\ (?:también|además|más)|lee\ (?:también|más)|lea|mira|ver\ (?:también|más)
         |(?:le|te)\ puede\ (?:interesar|gustar)|(?:à\ )?lire\ (?:aussi|également)|voir\ aussi
         |leia\ (?:também|mais)|veja\ (?:também|mais)|leggi\ anche|czytaj\ (?:też|także|więcej)
         |zobacz\ (?:też|także)|lees\ ook|sehen\ sie\ (?:auch|hier)|siehe\ auch|schauen\ sie\ (?:auch|hier)
         |mehr\ (?:informationen|infos)\ (?:zu|zum|zur|über)\ .{1,80})\s*[:?|]\s*.{0,200}
      | lesen\ sie\ auch | auch\ interessant | mehr\ zum\ thema | das\ könnte\ sie\ (?:auch\ )?interessieren
      | (?:empfohlene|ähnliche|verwandte|weitere)(?:\ aktuelle)?\ (?:beiträge|artikel|themen|nachrichten|news)\b.{0,40}
      | auch\ lesen\s*:?.{0,200} | top-?themen.{0,40}
      | last\ modified\s*:?.{0,40} | release\ date\s*:.{0,40} | \d{1,2}:\d{2}\s*(?:am|pm)?
      | (?:photo|image|picture)\ credits?\s*:.{0,80} | cr[ée]dits?\ (?:photos?|images?)\s*:.{0,80}
      | (?:foto|bild)(?:nachweis|quelle|rechte)?\s*:.{0,80} | beitragsbild\s*:.{0,100} | kommentare?(?:\ insgesamt)?\s*:?\s*\(?\d*\)? | teilen\s*:? | drucken
      | (?:jetzt\ )?(?:newsletter\ )?abonnieren | (?:[\w.-]+\ ){1,3}(?:jetzt\ )?abonnieren | beitragsbild | anzeige | werbung | bewerten\s*:?
      | noticias\ relacionadas | (?:le|te)\ puede\ interesar | s[ií]guenos\ en\b.{0,120}
      | suscríbete\b.{0,80} | compartir | comentarios | publicidad
      | (?:à\ )?lire\ aussi | sur\ le\ même\ sujet | partager | commentaires? | publicité
      | leia\ também | veja\ também | compartilhe | publicidade | leggi\ anche | condividi | pubblicità
      | czytaj\ (?:też|także) | reklama | komentarze | lees\ ook | reacties
      | order\ reprints? | reprints?(?:\ (?:&|and)\ permissions)? | print\ (?:this\ )?(?:article|story|page)
      | source\s*:\s*.{1,60} | (?:last\ )?updated\ (?:at|on)\ .{1,40} | more\s*:
      | follow\ .{1,60}\ on\ (?:facebook|twitter|instagram|youtube|linkedin|tiktok)\b.*
      | write\ to\ .{1,80}@.{1,80}
      | scroll\ (?:down\ )?to\ (?:continue|read).* | (?:photo|image|picture|foto|bild)s?\s*:\s*.{0,80}
      | (?:cover|header|featured|top|lead|main|hero|title)\ (?:image|photo|picture)\s*:.{0,250}
      | (?:install|get)\ (?:the|our)\ (?:\w+\ )?app\b.* | get\ it\ on\ (?:google\ play|the\ app\ store).*
      | download\ on\ the\ app\ store.*
      | (?:https?://|www\.)\S+
      | back\ to\ top | scroll\ to\ top | next\ article | previous\ article | load\ more
      | (?:estimated\ )?(?:reading|read)\ time\s*:?\s*(?:about\ |approx\.?\ )?\d{1,3}\s*(?:min\w*|m)\.?
      | (?:tempo\ de\ leitura|tiempo\ de\ lectura|temps\ de\ lecture|tempo\ di\ lettura|lesezeit
         |lesedauer|leestijd|czas\ czytania)\s*:?\s*(?:ca\.?\ |cerca\ de\ |environ\ )?\d{1,3}\s*(?:min\w*|m)\.?
      | (?:ten\ (?:tekst|artykuł)\ )?przeczytasz\ w\ (?:mniej\ niż\ |około\ |ok\.\ )?(?:\d{1,3}\ )?minut\w*
      | (?:this\ (?:story|article|post|video|page)\ has\ been\ )?(?:shared|viewed|read|liked)
            \ [\d,.]+\ ?[km]?\ times
      | [\d,.]+\ ?[km]?\ (?:shares?|views?|reads?|likes?|reactions?|comments?|replies)
      | \d{1,3}[\ -](?:min|mins|minutes?)\ read | (?:\d{1,3}\ )?min\.?\ (?:lesezeit|de\ leitura|de\ lectura|de\ lecture)
      | (?:"""
    + _TAG_WORDS
    + r""")\s*(?::\s*.{0,300})?
      | related\ (?:posts?|articles?|stories|story|links?|reading)\s*:\s*.{0,200}
      | if\ you\ (?:enjoyed|liked|value|appreciate)(?:\ reading)?\ (?:this|our)\ (?:article|story|post
            |piece|journalism|reporting|work)\b.{0,100}\b(?:join|subscribe|support|become\ a
            |donate|members?|membership|proposition)\b.*
      | (?:[\w’'.-]+(?:\ [\w’'.-]+){0,2}\s*:\s*(?:https?://|www\.)\S+(?:\ \[\d+\])?\s*){2,}
      | have\ a\ (?:news\ |story\ )?tip\?.{0,300}
      # 'CONTINUA DEPOIS DA PUBLICIDADE', 'Story continues below advertisement', 'Weiter nach der
      # Anzeige' (twice, when the page says it over and under the ad)
      | (?:(?:(?:the\ )?(?:story|article|text|artikel|texto|l['’]article|nota|matéria)\ )?
           (?:continues?|continua|continúa|sigue|segue|weiter|la\ suite|geht\ (?:es\ )?weiter)
           \ (?:below|after|under|unter|nach|depois|después|debajo|abajo|après|dopo|sotto|abaixo)
           \ (?:the\ |this\ |der\ |da\ |de\ la\ |la\ |del\ |das\ |dem\ |cette\ |)?
           (?:advertisement|advert|ad|anzeige|werbung|publicidade|publicidad|anuncio|publicité|pubblicità)
           \s*[.!…]*\s*){1,3}
      | (?:the\ )?(?:story|article)\ continues\ (?:below|after\ (?:the|this)\ (?:ad|advertisement))
      | (?:advertisement|anzeige|werbung|publicidad|publicidade|publicité)\s*[-–—:|]?\s*(?:scroll|continue|weiterlesen).{0,40}
      # a photo's credit or a gallery's controls on a line of their own
      | (?:archiv|symbol|titel|beitrags|vorschau|teaser|header|aufmacher)(?:foto|bild)\s*:.{0,100}
      | (?:featured|cover|header|top|lead|main|hero|title)\ (?:image|photo|picture)\ (?:by|via|from|courtesy\ of)\ .{1,100}
      | (?:image|photo|picture)\ (?:by|via|courtesy\ of)\ .{1,60}
      | (?:photo|image|picture|foto|bild|imagen|imagem)\ \d{1,3}\s*(?:/|of|von|de|di|sur)\s*\d{1,3}
      | \d{1,3}\s*/\s*\d{1,3} | (?:agencies|agencias|agências|agenturen|agences|agenzie)
      | (?:bitte\ )?(?:klicken|klickt|klick)\ (?:sie\ )?(?:weiter|hier|durch)\b.{0,40}
      | (?:zur|nächstes|vorheriges)\ (?:bild|foto)(?:ergalerie)?\b.{0,30}
      | (?:filed|posted)\ (?:under|in)\s*:.{0,120}
      # a bare site name or address on a line of its own ('medium.com'): a source's link
      | (?:[\w-]+\.)+(?:com|net|org|co|io|info|de|at|ch|fr|es|it|uk|br|ar|mx|pl|nl)(?:/\S*)? | (?:zur\ )?(?:bilder|foto)galerie\b.{0,30}
      # Chinese, Japanese and Korean: an app to download (asked for, not a story about one:
      # '下载量最高的应用', '偽アプリのダウンロードに注意'), 'more', comments, share
      | (?:立即|马上|馬上|扫码|掃碼)?(?:下载|下載)(?![量次])[^，,。]{0,12}(?:客户端|客戶端|app|应用|應用程式)
            (?:[，,、].{0,30})?
      | (?:查看|点击查看|點擊查看)更多.{0,12} | 更多(?:新闻|新聞|内容|內容|文章)?
      | (?:网友|網友)?(?:评论|評論|留言)(?:\s*[(（]?\d+[)）]?)? | 分享(?:(?:到|至).{0,20})?
      | [\w・]{0,12}アプリを?(?:ダウンロード|インストール)(?:する|はこちら|して.{0,30})?
      | .{0,20}(?:もっと見る|一覧へ|一覧を見る) | コメント(?:\s*\d+)? | シェア(?:する)?
      | (?:\S+\ )?앱\ ?(?:다운로드|설치)(?:하기|하세요|하고\ .{0,30})? | .{0,20}더\ ?보기
      | 댓글(?:\s*\d+)? | 공유(?:하기)?
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

# Sentences that only occur in banners and promos, wherever they appear in a line.
_CLUTTER_PHRASE = re.compile(
    r"""
        \bwe\ use\ cookies\b | \bthis\ (?:web)?site\ uses\ cookies\b | \buses?\ cookies\ to\b
      | \bby\ (?:continuing\ to\ (?:use|browse)|using)\ (?:this|our)\ (?:web)?site\b
      | \b(?:download|install)\ (?:the\ |our\ )?[\w.-]*\ ?app\b.*\b(?:app\ store|play\ store|today|now)\b
      | \bfrom\ your\ preferred\ app\ store\b
      | \bsign\ up\ for\ (?:our|the)\ [\w\s-]{0,30}newsletter\b
      | \bsubscribe\ to\ (?:our|the)\ [\w\s-]{0,30}newsletter\b
      | \bget\ (?:our|the)\ [\w\s-]{0,30}newsletter\b
      | \benter\ your\ email\ (?:address\ )?(?:to|below|here)\b
      | \bshare\ (?:this|on)\ (?:article|story|post|facebook|twitter)\b
      | \bto\ (?:view|read|continue\ reading)\ the\ (?:full|rest\ of\ the)\ (?:story|article)\b
      | \balready\ a\ subscriber\b | \bsubscribe\ now\b | \bfor\ the\ full\ story\b
      | \bdownload\ (?:the|our)\ [\w\s-]{0,30}\bapps?\b
      | \bnewsletter\ abonnieren\b | \bmit\ unserem\ newsletter\b | \balle\ rechte\ vorbehalten\b
      | \bhazte\ (?:miembro|socio)\b | \bsuscríbete\ a\b
      | \bfor\ your\ personal,?\ non-?commercial\ use\ only\b
      | \ban\ error\ (?:has\ )?occurred\b.*\btry\ again\b
      | \bsubscribe\ to\ [\w\s.’'-]{0,40}newsletters?\b | \bright\ in(?:to)?\ your\ inbox\b
      | \bdelivered\ (?:straight\ |directly\ )?to\ your\ inbox\b
      | \bif\ you\ (?:enjoyed|liked|value|appreciate)\ (?:this|our)\ (?:article|story|post|journalism|reporting)\b
         .*\b(?:join|subscribe|support|become\ a|donate|members?)\b
      | \bdelivered\ (?:through\ your\ letterbox|to\ your\ (?:door|home))\b
      | \b\d{1,3}\ issues\ for\ \S{0,3}\d
      | \bno\ comments?\ yet\b | \bjoin\ the\ (?:conversation|discussion)\b
      | \b(?:temporarily\ )?moderating\ (?:all\ )?(?:the\ )?comments\b
      | \bcomments\ (?:are|will\ be)\ (?:moderated|closed|held\ for\ moderation)\b
      | \b(?:publishing|publish|welcomes?)\ (?:a\ diversity\ of\ )?letters(?:\ \[\d+\])?\ to\ the\ editor\b
      | \bwe(?:’|')?d\ (?:like|love)\ to\ hear\ (?:what\ you\ think|from\ you)\b.*\b(?:e-?mail|letters?|write\ to)\b
      | \byou\ (?:must|need\ to)\ (?:be\ )?log(?:ged)?\ ?in\ to\ (?:post\ a\ )?comment\b
      # pitches for money or sign-ups: donations, memberships, subscriptions, newsletters
      | (?:^|[.!?:;]\ |\bplease\ )(?:support|fund)\ (?:our|independent|local)\ (?:journalism|reporting|newsroom|work)\b
      | \b(?:donate|become\ a\ (?:member|supporter|patron|subscriber))\ (?:now|today|here)\b
      | \bfirst[-\ ]time\ (?:subscribers|donors|members)\b
      | \bunterstütze[n]?\ (?:sie\ )?(?:uns|unsere\ arbeit)\b(?!\ dabei)
      | \bwir\ finanzieren\ uns\ (?:durch|über|mit|aus)\ (?:spenden|abos|abonnements|mitglied)
      | \bfür\ (?:unseren|den)\ [\w-]{0,30}newsletter\ an\b | \bnewsletter[-\ ]anmeldung\b
      | \b(?:haben\ sie\ uns|hast\ du\ uns)\ hierfür\ keine\ zustimmung\b
      | \bapoya\ (?:el\ )?periodismo\b | \bsoutenez\ (?:notre\ )?(?:journalisme|rédaction|travail)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A call to action at the end of a story: subscribe, support, donate, sign up, watch it on our
# channel, come back to the home page; in English, Spanish, Portuguese, German, French, Italian.
_PITCH = re.compile(
    r"""
        # English
        \bwhen\ you\ (?:join|subscribe|become\ a)\b | \bjoin\ (?:now|today)\b
      | \bunlimited\ digital\ access\b | \bsign[-\ ]up\ successful\b
      | \bthanks?\ (?:you\ )?for\ (?:signing\ up|subscribing|your\ support)\b
      | \bvisit\ [\w\s.'’-]{1,40}(?:homepage|home\ page|front\ page)\ for\ more\b
      | \b(?:support|fund)\ (?:us|our\ (?:journalism|reporting|work|newsroom))\b
      | \b(?:subscribe|become\ a\ (?:member|subscriber|supporter))\ (?:to|for)\ (?:get|just|only|unlimited|full)\b
      # Spanish
      | \bsuscr[ií]b(?:ite|ete|irte|irse|ase)\b | \bhazte\ (?:socio|miembro|suscriptor)\b
      | \bpara\ comentar\b.{0,60}\b(?:deb[eé]s|debe|tienes|ten[eé]s|necesitas|hay\ que)\b
      | \b(?:ap[oó]ya(?:nos)?|apoy[aá]|colabor[aá])\ (?:a\ |al\ |el\ |nuestro\ )?(?:periodismo|medio|diario)\b
      | \bcl[ií]c(?:k)?\ (?:aqu[ií]|ac[aá])\b | \bhaga\ clic\b | \bs[ií]guenos\ en\b
      | \bpara\ (?:leer|ver)\ (?:sobre\ )?(?:otr[oa]s|más)\b.{0,80}\b(?:clic|aqu[ií]|ingres[aá]|ingrese)\b
      # Portuguese
      | \bassine\ (?:o|a|já|agora|nossa|nosso)\b | \bapoie\ (?:o|a|nosso|nossa|por|já)\b
      | \bseja\ (?:assinante|membro|apoiador)\b | \binscreva-se\b | \bsiga-nos\b
      | \bclique\ aqui\b | \bchegou\ até\ aqui\b | \bagradecemos\b.{0,80}\b(?:apoi|assin|leitor)
      # German
      | \b(?:jetzt\ )?(?:abonnieren|abonnent\ werden)\b | \bjetzt\ (?:unterstützen|spenden|testen|mitglied\ werden)\b
      | ❤ | \bum\ [\w-]{2,40}\ zu\ unterstützen\b
      | \b(?:ab\ sofort|jetzt|exklusiv)\ (?:auf|bei|im|in\ der)\ [\w+ .-]{1,30}!$
      | \bhier\ klicken\b | \bfolgen\ sie\ uns\b
      # French
      | \babonnez-vous\b | \bje\ m['’]abonne\b | \bsoutenez(?:-nous)?\b | \bdéjà\ abonné\b
      | \bcliquez\ ici\b | \bsuivez-nous\b | \binscrivez-vous\b
      # Italian
      | \babbonati\b | \bsostienici\b | \bsostieni\ (?:il|la|il\ nostro)\b | \bgià\ abbonato\b
      | \bclicca\ qui\b | \bseguici\ su\b | \biscriviti\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The heading of a box of such a pitch: what follows it is the pitch (an offer's terms…).
PITCH_HEADING = re.compile(
    r"""^(?:
        sign[-\ ]?up\ successful | thanks?\ (?:you\ )?for\ (?:signing\ up|subscribing)
      | (?:❤\s*)?[\w-]{2,40}\ unterstützen | unterstützen\ sie\ (?:uns|[\w-]{2,40})
      | apoie\ (?:o|a)\ .{1,30} | assine\ (?:o|a)\ .{1,30} | apoya\ (?:a|al)\ .{1,30}
      | support\ (?:us|our\ journalism|independent\ journalism) | soutenez(?:-nous)?(?:\ .{1,30})?
      | sostieni(?:ci)?(?:\ .{1,30})?
    )\s*[.!:]*$""",
    re.VERBOSE | re.IGNORECASE,
)
# Labels that open a notice or a promo under the story: 'Tipp:', 'Anzeige:', 'AVISO IMPORTANTE:'
_NOTICE_LABEL = re.compile(
    r"^(?:tipp|tip|hinweis|anzeige|werbung|aviso(?:\ importante)?|important\ notice|advertisement"
    r"|publicidad|publicidade|publicité|pubblicità)\s*:",
    re.IGNORECASE,
)
_OTHER_SITE = re.compile(r"\b[\w-]{2,40}\.(?:de|com|net|org|at|ch|fr|es|it|br|ar|mx|co|bo|pe|cl)\b")
_MAX_PITCH = 700  # characters: a longer paragraph that asks for support is story text


def is_pitch(line: str) -> bool:
    """A call to action of the kind that ends a story: a request to subscribe, support, donate
    or sign up, a 'continues after the ad' line, a promo for the site's channel; or a notice
    under a label ('Tipp: … auf example.de', 'AVISO IMPORTANTE: …')."""
    text = clean_line(_MARK.sub("", line)) if "[" in line else clean_line(line)
    if not text or len(text) > _MAX_PITCH:
        return False
    low = text.lower()
    if not any(sign in low for sign in _PITCH_SIGNS):
        return False  # cheap: most paragraphs are not
    if _PITCH.search(text) or PITCH_HEADING.match(text):
        return True
    label = _NOTICE_LABEL.match(text)
    return label is not None and (
        label.group(0)
        .lower()
        .startswith(("aviso", "important", "anzeige", "werbung", "adv", "pub"))
        or bool(_OTHER_SITE.search(text))
    )


# A gallery's directions, wherever they stand in a line ('… Klicken Sie weiter!'); looked for
# only in lines with one of _GALLERY_SIGNS (a regular expression over every line is slow)
_GALLERY_PHRASE = re.compile(
    r"""
        \bklicken\ sie\ (?:weiter|sich\ durch)\b
      | \b(?:durchstöbern|sehen|entdecken|blättern)\ sie\ (?:in\ |durch\ )?(?:der|die|unsere[rn]?)
        \ (?:folgenden?\ )?(?:galerie|bildergalerie|fotostrecke|bilderstrecke)\b
      | \b(?:click|scroll|flip|swipe)\ through\ (?:the|our|this)\ (?:gallery|slideshow|photos)\b
      | \b(?:haga|haz)\ clic\ en\ (?:la\ )?galería\b | \bcliquez\ sur\ (?:la\ )?galerie\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
_GALLERY_SIGNS = ("klicken", "galer", "gallery", "slideshow", "strecke", "through")
# what a pitch needs (plain substring tests on the line in lower case: cheap)
_PITCH_SIGNS = (
    "when you", "join", "unlimited", "sign", "thank", "visit", "support", "fund", "subscri",
    "become", "suscr", "hazte", "comentar", "para leer", "para ver", "apoy", "apóy", "colabor",
    "clic", "cliq", "guenos", "assin", "apoie", "seja", "inscr", "siga-nos", "chegou", "agradec", "abonn",
    "jetzt", "❤", "unterstütz", "ab sofort", "exklusiv", "klick", "folgen sie", "je m", "souten",
    "déjà", "suivez", "abbona", "sostien", "già", "seguici", "iscriv", "tip", "hinweis",
    "anzeige", "werbung", "aviso", "important", "advertisement", "publicid", "publicit",
    "pubblicit",
)  # fmt: skip


# The heading of a comment section: everything after it is readers' comments.
COMMENTS_HEADING = re.compile(
    r"""^(?:
        (?:reader\ |user\ )?comments(?:\ \(\d+\))? | \d+\ comments? | leave\ a\ (?:comment|reply)
      | (?:add|post|write)\ a\ comment | join\ the\ (?:conversation|discussion)
      | (?:\d+\ )?(?:kommentare|comentarios|commentaires|commenti|komentarze|reacties)
      | (?:\d+\ )?responses?(?:\ to\ .{1,120})?
    )\s*[:.!…]*$""",
    re.VERBOSE | re.IGNORECASE,
)

# What a link to the rest of a story says: 'Read more →', 'weiterlesen »', 'Lire la suite…'.
_READ_MORE_WORDS = r"""(?:
        read\ more | continue\ reading | keep\ reading | read\ (?:the\ )?(?:full|whole)\ (?:story|article|post)
      | weiterlesen | mehr\ lesen | lesen\ sie\ weiter | zum\ (?:artikel|beitrag)
      | lire\ la\ suite | lire\ plus | leer\ más | seguir\ leyendo | leia\ mais | continua\ a\ leggere
      | czytaj\ dalej | lees\ verder
      | (?:続き|全文)を(?:読む|見る) | 阅读全文 | 閱讀全文 | 查看全文 | 계속\ 읽기 | (?:기사\ )?전문\ 보기
    )\s*(?:[.…]+|[→»›>]+)?"""
# ... as a line of its own (there a bare 'More' is one too)
READ_MORE = re.compile(
    rf"^(?:{_READ_MORE_WORDS}|(?:mehr|more)\s*(?:[.…]+|[→»›>]+)?)$", re.VERBOSE | re.IGNORECASE
)
# ... run on at the end of a paragraph, after a sentence's end (with its link's mark)
READ_MORE_END = re.compile(
    rf"(?:(?<=[.!?…\"”’)])\s+|(?<=[。！？」』）])\s*){_READ_MORE_WORDS}(?:\ \[\d+\])?$",
    re.VERBOSE | re.IGNORECASE,
)

# The heading of the box about the writers (or the series) under the story ('About the author',
# 'Autor:innen', 'Über diese Reihe').
AUTHOR_HEADING = re.compile(
    r"""^(?:
        (?:about\ )?the\ authors? | about\ the\ (?:writer|reporter|contributor)s? | authors?
      | (?:über\ (?:den|die)\ |der\ |die\ |zum\ |zur\ )?autor(?:in|en|innen|:innen|\*innen|_innen)?
      | (?:à\ propos\ de\ )?l['’]auteur(?:e|s)? | (?:sobre\ )?(?:el|la|o|a)\ autor(?:a)?
      | (?:sobre\ )?(?:los|os)\ autores | (?:sull['’]|l['’])autore | o\ autorze | over\ de\ auteur
      | about\ (?:this|the)\ (?:series|column|project|podcast|newsletter)
      | (?:über|zu)\ (?:diese[rnms]?|der|die|dem|das)\ (?:reihe|serie|kolumne|projekt|podcast)
      | (?:à\ propos\ de|sur)\ cette\ (?:série|chronique) | sobre\ esta\ (?:serie|columna)
    )\s*:?$""",
    re.VERBOSE | re.IGNORECASE,
)

# The heading of the story's keyword tags: what follows is the tags, then the page's furniture.
TAGS_HEADING = re.compile(rf"^(?:{_TAG_WORDS}|tópicos|temas)\s*:?$", re.IGNORECASE)

_MAX_PHRASE_LINE = 320  # a long paragraph that merely mentions cookies is story text

# What feed generators append to an entry's text: a link to the rest, the poster and the comments
# (Reddit), the blog's own credit line (WordPress), an elision mark.
_FEED_FOOTER = re.compile(
    r"""^(?:
        (?:continue\ reading|read\ (?:the\ )?(?:full|rest\ of\ the|whole)\ (?:story|article|post)
         |read\ more|keep\ reading|weiterlesen|mehr\ lesen|leer\ más|lire\ la\ suite)\b.{0,120}
      | \(more[.…]*\) | \[(?:…|\.\.\.)\] | […]
      | submitted\ by\ +/?u/\S+.{0,60} | related\s*:\s*.{1,200}
      | \[link\]\s*\[comments?\]
      | dismiss | close | advertisement  # a widget's button or an ad slot left in the markup
      | the\ post\ .{1,300}\ appeared\ first\ on\ .{1,150}
      | (?:this\ )?(?:article|post|entry)\ (?:was\ )?(?:first\ |originally\ )?(?:published|appeared)\ (?:first\ )?on\ .{1,150}
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_ELISION_TAIL = re.compile(r"\s*(?:\[(?:…|\.\.\.)\]|\(more[.…]*\))$")


def trim_feed_text(text: str) -> str:
    """A feed entry's text without what the feed appended to it: the trailing "Continue
    reading…", "Related: …", "[link] [comments]", "The post … appeared first on …" lines."""
    lines = text.split("\n")
    while lines:
        last = clean_line(lines[-1]).strip()
        if last and not _FEED_FOOTER.match(last):
            break
        lines.pop()
    if lines:
        lines[-1] = _ELISION_TAIL.sub("…", lines[-1].rstrip())
    return "\n".join(lines).strip()


# A photo's credit that ends its caption ("… in Taipei on Monday. Photo: AP", "Bild: dpa",
# "(Foto: Andina)", "Main image credit: Getty"), or stands alone ("Copyright: Ann Lee"): after a
# sentence's end, a credit label and a short name (an agency, a photographer, "Ann Lee/Reuters").
_CREDIT = re.compile(
    r"""(?:^|(?<=[.!?…"”»)])\s+)\(?
        (?:(?:main|top|header|lead|cover|featured|hero)\ )?
        (?:photo(?:graph)?s?|fotos?|bild(?:er)?|pictures?|pics?|fotografie
         |(?:photo|image|picture|foto|bild)\ ?credits?|credits?|copyright)
        \s*:\s*(?P<who>[^:;!?()]{2,60}?)\)?\.?$""",
    re.VERBOSE | re.IGNORECASE,
)
# '… (Photo by Ann Lee/Getty Images)', '… Foto von Ann Lee', '… By U.S. COAST GUARD' (a credit
# in capitals: an agency, a photographer)
_CREDIT_BY = re.compile(
    r"""(?:^|(?<=[.!?…"”»)])\s+)\(?
        (?:(?i:photo(?:graph)?|picture|image|foto|bild)\s+(?i:by|von|de|par|di)\s+
           (?P<who>[^:;!?()]{2,60}?)
         |By\s+(?P<caps>[A-Z][A-Z0-9.&'’/ -]{2,60}))
        \)?\.?$""",
    re.VERBOSE,
)
# what a credit needs near the end of the line (plain substring tests: cheap on long pages)
_BY_SIGNS = (":", "(", "by ", "By ", "von ", "de ", "par ", "di ")
_MAX_CAPTION = 300  # characters: a longer paragraph that ends with a credit is story text
_MAX_CREDIT_WORDS = 6


# a photo's credit label ('Foto:', 'Archivfoto:', 'Image credit:', 'Bildquelle:')
_CREDIT_LABEL = re.compile(
    r"(?:\b|(?<=[a-zäöü]))(?:(?:archiv|symbol|titel)?(?:foto|bild)(?:quelle|nachweis)?|(?:photo|image|picture)(?:\ credits?)?"
    r"|credits?)\s*:\s*\S",
    re.IGNORECASE,
)
_MAX_STRIP = 800  # characters of a strip of teasers, each with its photo's credit
# a credit that ends a longer paragraph ('… face unlock system. Image credit: www.apple.com')
_CREDIT_END = re.compile(
    r"(?<=[.!?…\"”])\s+\(?(?:photo|image|picture|foto|bild)\s*(?:credits?|quelle|nachweis)?\s*:\s*[^\s:][^:!?]{0,80}\)?$",
    re.IGNORECASE,
)


def is_credit_strip(line: str) -> bool:
    """A run of other stories' teasers glued together, each with its photo's credit ('… müssen
    jetzt ...Foto: Ann Lee Ab 1. März … ...Archivfoto: ON'): two credit labels or more in a
    short paragraph."""
    return (
        len(line) <= _MAX_STRIP
        and line.count(":") >= 2  # cheap: most paragraphs are not
        and len(_CREDIT_LABEL.findall(line)) >= 2
    )


def strip_credit_end(line: str) -> str:
    """The paragraph without a photo credit run on at its end."""
    if ":" not in line[-120:]:
        return line
    return _CREDIT_END.sub("", line)


def is_credited_caption(line: str) -> bool:
    """A photo's caption that ends with its credit, or a credit line on its own: page
    furniture beside the story, not its text. A web address as the credit, or a long paragraph,
    is not taken for one (a slideshow's text often ends with where its picture came from)."""
    tail = line[-90:]
    if len(line) > 2 * _MAX_CAPTION or not any(sign in tail for sign in _BY_SIGNS):
        return False  # cheap: most paragraphs are not
    text = clean_line(line)
    if len(text) > _MAX_CAPTION:
        return False
    match = _CREDIT.search(text) or _CREDIT_BY.search(text)
    if match is None:
        return False
    if match.groupdict().get("caps"):
        return word_count(match["caps"]) <= _MAX_CREDIT_WORDS
    who = match["who"]
    return word_count(who) <= _MAX_CREDIT_WORDS and not re.search(r"www\.|://|\.\w{2,4}/", who)


# A site footer's line: 'Impressum | Datenschutz | Copyright Ann Lee', 'Home - Kontakt - AGB',
# 'News · 1.12.2022 · site.example © Example Media GmbH', 'Example Media © 2024'.
_NOTICE = re.compile(
    r"©|\(c\)\s*\d{4}|\ball\ rights\ reserved\b|\balle\ rechte\ vorbehalten\b"
    r"|\btous\ droits\ réservés\b|\btodos\ los\ derechos\ reservados\b",
    re.IGNORECASE,
)
_COPYRIGHT_BY = re.compile(r"copyright\s+(?:©\s*)?(?:\d{4}|by)\b", re.IGNORECASE)
_COPYRIGHT_HEAD = re.compile(r"copyright\b", re.IGNORECASE)  # 'Copyright Ann Lee' in a row
_LEGAL = re.compile(
    r"""^(?:
        impressum | imprint | datenschutz(?:erklärung|hinweise)? | privacy(?:\ policy|\ notice)?
      | terms(?:\ (?:of\ (?:use|service)|and\ conditions|&\ conditions))? | agb
      | nutzungsbedingungen | kontakt | contact(?:\ us)? | about(?:\ us)? | über\ uns | sitemap
      | disclaimer | cookies?(?:\ (?:policy|settings|einstellungen))? | mentions\ légales
      | aviso\ legal | política\ de\ privacidad | accessibility | barrierefreiheit | home | rss
      | jobs | karriere | careers | advertise | mediadaten | newsletter | faq | hilfe | help
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_FOOTER_SPLIT = re.compile(r"\s*[|·•]\s*|\s+[-–—]\s+")
# what a footer's line needs (plain substring tests, on the line in lower case: cheap)
_FOOTER_SIGNS: tuple[str, ...] = ("|", "·", "•", "©", " - ", " – ", " — ", "(c)", "copyright")
_FOOTER_SIGNS += ("rights", "rechte", "droits", "derechos")
_MARK = re.compile(r" \[\d+\]")  # a link's number after its words (see enrich.LINK_MARK)
_MAX_FOOTER = 250  # characters
_MAX_NOTICE = 120  # characters of a copyright notice standing alone


def is_footer_line(line: str) -> bool:
    """A site footer's line: a copyright notice, alone or among a row of other items, or a row
    of legal and service links (at least two of them)."""
    if len(line) > 2 * _MAX_FOOTER:
        return False
    low = line.lower()
    if not any(sign in low for sign in _FOOTER_SIGNS):  # cheap: most paragraphs are not
        return False
    text = clean_line(_MARK.sub("", line))
    if not text or len(text) > _MAX_FOOTER:
        return False
    parts = [p.strip(" .") for p in _FOOTER_SPLIT.split(text) if p.strip(" .")]
    if len(parts) < 2:
        # '© 2024 Example Media', 'Copyright 2024 by …'; not a sentence about copyright
        notice = _NOTICE.search(text) or _COPYRIGHT_BY.match(text)
        sentence = text.endswith((".", "!", "?", "…")) and word_count(text) > 8
        return len(text) <= _MAX_NOTICE and bool(notice) and not sentence
    legal = sum(1 for part in parts if _LEGAL.match(part))
    return legal >= 2 or (
        any(_NOTICE.search(part) or _COPYRIGHT_HEAD.match(part) for part in parts)
        and all(len(p) <= 80 for p in parts)
    )


# An affiliate-link disclosure: the page earns money from the links in it ('This post contains
# references to products from our advertisers. We may receive compensation when you click…',
# 'Alle mit einem Stern gekennzeichneten Links sind Affiliate-Links … eine kleine Provision').
_DISCLOSURE_LINKS = re.compile(
    r"\b(?:affiliate[-\ ]?links?|links?|enlaces?|liens?|click\ on|kauf\ über)\b"
    r"|references\ to\ products",
    re.IGNORECASE,
)
# case matters: a 'Commission' is an agency, an English 'provision' a clause or a supply
_DISCLOSURE_PAY = re.compile(
    r"\b(?:commissions?|compensation|comisión|rémunération|earn\ a\ (?:small\ )?fee"
    r"|Provision|Prämie|Vergütung)\b"
)
_DISCLOSURE_US = re.compile(
    r"\b(?:we|our|us|this\ (?:post|article|page|site|story)|wir|uns|unser\w*|dieser\ (?:artikel|beitrag)"
    r"|diese\ seite|du|dir|euch|nous|notre|nosotros|este\ (?:artículo|post))\b",
    re.IGNORECASE,
)
_PAY_SIGNS: tuple[str, ...] = ("ommission", "ompensation", "omisión", "émunération", " fee")
_PAY_SIGNS += ("Provision", "Prämie", "Vergütung")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MAX_DISCLOSURE = 500  # characters


def is_disclosure(line: str) -> bool:
    """An affiliate-link disclosure: a short paragraph with a sentence that speaks of a
    commission and of the site or its reader ('we', 'this post', 'wir', 'du'), and of links
    (in it or in the sentence before)."""
    if len(line) > 2 * _MAX_DISCLOSURE or not any(sign in line for sign in _PAY_SIGNS):
        return False  # cheap: most paragraphs are not
    text = clean_line(line)
    if len(text) > _MAX_DISCLOSURE:
        return False
    sentences = _SENTENCE_END.split(text)
    return any(
        _DISCLOSURE_PAY.search(sentence)
        and _DISCLOSURE_US.search(sentence)
        and _DISCLOSURE_LINKS.search(" ".join(sentences[max(0, n - 1) : n + 1]))
        for n, sentence in enumerate(sentences)
    )


def is_clutter_line(line: str) -> bool:
    """True for a line that is page furniture (menus, banners, promos, share bars, comment boxes)."""
    text = clean_line(line).strip(" \t•·|-–—»›>")
    if not text:
        return True
    if _CLUTTER_LINE.match(text) or _CLUTTER_LINE.match(text.rstrip(".:…!?→» ")):
        return True
    if len(text) > _MAX_PHRASE_LINE:
        return False
    if _CLUTTER_PHRASE.search(text):
        return True
    low = text.lower()
    return any(sign in low for sign in _GALLERY_SIGNS) and bool(_GALLERY_PHRASE.search(text))


# --------------------------------------------------------------------------- HTML attribute cues

# class/id/role/aria tokens of boilerplate containers (matched per token, see class_tokens).
CLUTTER_TOKEN = re.compile(
    r"""^(?:
        cookies? | cookie-?(?:banner|bar|notice|consent|popup|wall) | consent | gdpr | cmp
      | share | shares | sharing | share-?(?:bar|buttons?|tools|links|icons|box)
      | social(?:-?(?:share|bar|buttons?|links|icons|media))?
      | newsletter(?:-?(?:box|signup|form|promo|cta))? | subscribe | subscription | signup | sign-?up
      | comments? | comment-?(?:section|list|form|box) | disqus | respond | reply
      | app-?(?:promo|banner|download|badges?|store) | download-?app | store-?badges?
      | promo | promotion | advert | advertisement | ads? | ad-?(?:slot|unit|container|wrapper)
      | sponsored | outbrain | taboola | popup | modal | paywall | overlay
      | breadcrumbs? | pagination | skip-?link
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

RELATED_TOKEN = re.compile(
    r"""^(?:
        related(?:-?(?:articles?|stories|posts|news|content|links|items?|reads?|list))?
      | more-?(?:stories|news|articles|from|on|like-?this|to-?read)
      | recommended | recommendations? | recirc(?:ulation)? | read-?(?:more|next|also)
      | also-?read | further-?reading | you-?may-?(?:also-?)?like | trending | most-?(?:read|popular)
      | popular | suggested | teasers? | teaser-?list | other-?(?:stories|news|articles)
      | also-?on | see-?also | latest-?(?:news|stories) | lire-?aussi | voir-?aussi
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

# Headings of the boxes of other stories on Chinese (simplified and traditional), Japanese and
# Korean pages, as fragments of verbose patterns: the page's related stories ('相关新闻', '関連記事',
# '관련 기사'), and the site's lists (most read, latest, picks: '热门新闻', 'アクセスランキング',
# '많이 본 뉴스')
CJK_SPECIFIC_HEADING = r"""(?:
    (?:相关|相關)(?:新闻|新聞|阅读|閱讀|报道|報導|报导|文章|链接|連結|资讯|資訊|专题|專題)
  | 延伸(?:阅读|閱讀) | 关联阅读 | 関連(?:記事|ニュース|リンク|情報)(?:一覧)?
  | (?:あわせて|併せて)読みたい(?:記事)? | 관련\ ?(?:기사|뉴스|글)
)"""
CJK_GENERAL_HEADING = r"""(?:
    (?:热门|熱門|热点|熱點|最新|即时|即時|推荐|推薦|精选|精選|编辑推荐|編輯推薦)
        (?:新闻|新聞|文章|资讯|資訊|阅读|閱讀|推荐|排行)? | (?:新闻|新聞)?排行榜?
  | 猜你喜欢 | 猜你喜歡 | 热读 | 熱讀
  | (?:アクセス|記事)?ランキング | 人気の?(?:記事|ニュース) | よく読まれている記事
  | (?:最新|新着)(?:記事|ニュース) | おすすめ(?:記事|ニュース)?
  | 많이\ 본\ (?:뉴스|기사) | (?:인기|최신|추천)\ ?(?:기사|뉴스) | 실시간\ ?인기(?:\ ?(?:기사|뉴스))?
)"""

RELATED_HEADING = re.compile(
    r"""^(?:
        related(?:\ (?:articles?|stories|news|posts|content|coverage|reading|links))?
      | more\ (?:stories|news|articles|from\ .{1,40}|on\ .{1,40}|like\ this|to\ read|in\ .{1,30})
      | (?:you\ )?(?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)
      | recommended(?:\ for\ you|\ stories|\ articles|\ reading)? | read\ (?:more|next|also)
      | also\ read | further\ reading | see\ also | trending(?:\ now|\ stories)?
      | most\ (?:read|popular|viewed|shared) | top\ stories | what\ to\ read\ next
      | other\ (?:stories|news|articles) | latest(?:\ news|\ stories)? | in\ other\ news
      | latest\ (?:\S+\ ){1,3}(?:news|stories|headlines)
      | auch\ interessant | mehr\ zum\ thema | das\ könnte\ sie\ (?:auch\ )?interessieren
      | (?:empfohlene|ähnliche|verwandte|weitere)(?:\ aktuelle)?\ (?:beiträge|artikel|themen|nachrichten|news)\b.{0,40}
      | lesen\ sie\ (?:auch|mehr) | auch\ lesen | noticias\ relacionadas | (?:le|te)\ puede\ interesar
      | (?:à\ )?lire\ aussi | sur\ le\ même\ sujet | leia\ também | leggi\ anche
      | czytaj\ (?:też|także) | zobacz\ (?:też|także) | lees\ ook | więcej\ na\ ten\ temat
      | das\ könnte\ (?:dich|dir|sie)\ auch\ (?:interessieren|gefallen)
      | (?:vous\ )?(?:aimerez|pourriez)\ aussi | también\ te\ puede\ interesar
      # the lists of other stories under the story, in other languages
      | (?:otras|más|últimas)\ noticias(?:\ (?:de|sobre|en)\ .{1,40})? | (?:lo\ )?más\ (?:leíd[oa]s|vist[oa]s)(?:\ (?:de|en)\ .{1,40})?
      | notas\ relacionadas | te\ recomendamos | (?:mira|lee|ver)\ también | siga\ leyendo
      | (?:mais|outras|últimas)\ notícias(?:\ (?:de|sobre|em)\ .{1,40})? | (?:as\ |os\ )?mais\ (?:lid[oa]s|vist[oa]s)(?:\ (?:de|em)\ .{1,40})?
      | (?:notícias|matérias)\ relacionadas | você\ (?:pode|também\ pode)\ gostar
      | meistgelesen(?:e)?(?:\ (?:artikel|beiträge|news|nachrichten))? | meist\ gelesen | siehe\ auch
      | (?:mehr|neues|weiteres)\ (?:aus|zu|zum|zur|von|über)\ .{1,40} | (?:neueste|aktuelle|neue)\ (?:artikel|beiträge|nachrichten)
      | (?:les\ )?plus\ lus | dernières\ (?:actualités|actus|infos|nouvelles) | (?:à\ )?(?:voir|lire|découvrir)\ aussi
      | articles?\ (?:similaires|liés|associés) | sur\ le\ même\ thème | (?:plus\ d['’]|d['’]autres\ )articles
      | (?:i\ )?più\ lett[ie] | ultime\ notizie | (?:altre\ )?notizie\ correlate | articoli\ correlati
      | (?:ti\ )?potrebbe(?:ro)?\ (?:anche\ )?interessar(?:ti|e) | altre\ notizie | potrebbe\ interessarti\ anche
      | CJK_SPECIFIC | CJK_GENERAL
    )\s*:?$""".replace("CJK_SPECIFIC", CJK_SPECIFIC_HEADING).replace(
        "CJK_GENERAL", CJK_GENERAL_HEADING
    ),
    re.VERBOSE | re.IGNORECASE,
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def class_tokens(value: str) -> list[str]:
    """Tokens of a class/id attribute; also the hyphen-joined whole ('share-bar', 'share', 'bar').
    An underscore or a capital joins words as a hyphen does ('read_more', 'readMore')."""
    tokens: list[str] = []
    for token in _CAMEL.sub("-", value).split():
        token = token.replace("_", "-").strip("-").lower()
        if not token:
            continue
        tokens.append(token)
        parts = [p for p in token.split("-") if p]
        if len(parts) > 1:
            tokens.extend(parts)
            tokens.extend(f"{a}-{b}" for a, b in itertools.pairwise(parts))
    return tokens


# --------------------------------------------------------------------------- source / age lines

_UNIT = (
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|w(?:ee)?ks?|months?|mos?|y(?:ea)?rs?"
    r"|[smhdwy](?![a-z]))"
)
AGE = re.compile(
    rf"(?:(?:\d{{1,3}}|an?|one)\s*{_UNIT}\s+ago|\d{{1,2}}\s?[hmdw](?![\w])|just\s+now|yesterday"
    r"|today|moments?\s+ago)",
    re.IGNORECASE,
)
_AGE_LINE = re.compile(rf"^(?P<prefix>.*?)(?P<age>{AGE.pattern})$", re.IGNORECASE)
_NUM_AGE = re.compile(
    rf"^(?P<num>\d+)\s*(?:(?P<unit>{_UNIT})\s+ago|(?P<short>[hmdw]))$", re.IGNORECASE
)
# Icon labels that screen readers/text dumps glue in front of a time ("time5 hours ago").
_ICON_LABEL = re.compile(
    r"^(?:time|clock|calendar|date|updated|published|posted|ago|icon|schedule)\s*:?\s*$", re.I
)
_LIMITS = {"s": 59, "mi": 59, "h": 23, "d": 31, "w": 5, "mo": 12, "y": 99}

_MONTH = r"(?:janv|jan|ene|gen|feb|fév|fev|mar|mär|mrz|apr|avr|abr|may|mai|mag|mei|jun|juin|giu|jul|juil|lug|aug|aoû|aou|ago|sept|sep|set|oct|okt|ott|out|nov|dec|dez|déc|dic)\w*\.?"
DATE = re.compile(
    rf"""(?:
        (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}})?)?
      | (?P<y3>\d{{4}})/(?P<m3>\d{{1,2}})/(?P<d3>\d{{1,2}})\b
      | \b(?P<d4>\d{{1,2}})\.\s?(?P<m4>\d{{1,2}})\.\s?(?P<y4>\d{{4}})\b
      | \b(?P<a5>\d{{1,2}})/(?P<b5>\d{{1,2}})/(?P<y5>\d{{4}})\b
      | (?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})
      | (?P<d2>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?P<m2>{_MONTH}),?\s+(?:de\s+)?(?P<y2>\d{{4}})
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_TIME_TAIL = r"(?:(?:,|\s[-–—|])?\s*(?:(?:at|um|à|às|a\s+las?|alle|om|o)\s+)?\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:[A-Z]{2,4}|UTC[+-]?\d*|GMT[+-]?\d*)?)?"
# '5:45 AM PST 11/19/2019': the time first
_TIME_HEAD = r"(?:\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:[A-Z]{2,4}\b|UTC[+-]?\d*|GMT[+-]?\d*)?,?\s*)?"
# 'Monday', 'segunda-feira', 'Montag', 'lundi', 'lunes' … before a date
_WEEKDAY = (
    r"(?:\w+day|\w+-feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes|montag|dienstag"
    r"|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|lunedì|martedì|mercoledì|giovedì|venerdì|sabato)"
)
# 'Stand: 28.04.2020 18:00 Uhr', 'Publicado el 3 de mayo de 2022', 'Mis à jour le …'
_DATE_LABELS = (
    r"stand|aktualisiert(?:\s+am)?|veröffentlicht(?:\s+am)?|erstellt(?:\s+am)?"
    r"|publicado(?:\s+(?:el|em))?|actualizado(?:\s+el)?|atualizado(?:\s+em)?"
    r"|publié(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|{_DATE_LABELS})(?:\s+(?:on|at))?\s*:?\s*)?"
    rf"{_TIME_HEAD}"
    rf"(?:{_WEEKDAY},?\s+)?(?:{DATE.pattern}){_TIME_TAIL}(?:\s*uhr|\s*h)?\.?$",
    re.VERBOSE | re.IGNORECASE,
)


def _unit_key(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("mo"):
        return "mo"
    if unit.startswith("mi") or unit == "m":
        return "mi"
    return unit[0]


def plausible_age(age: str) -> bool:
    """'7 hours ago' is plausible; '187 hours ago' is not how any page writes an age."""
    match = _NUM_AGE.match(age.strip())
    if not match:
        return True
    num, unit = int(match["num"]), match["unit"] or match["short"]
    return 1 <= num <= _LIMITS[_unit_key(unit)] or (num == 0 and _unit_key(unit) in "smi")


def split_source_age(line: str) -> tuple[str, str] | None:
    """Split a metadata line into (source, age) or None when the line is not one.

    Handles 'Reuters · 2 hours ago', 'Mint | 5 mins ago', 'time33 minutes ago' (icon label, no
    source) and glued forms like 'News187 hours ago' when only one split gives a plausible age;
    when the split is ambiguous the source is left empty rather than guessed.
    """
    text = clean_line(line).strip(" •·|-–—")
    if len(text) > 80:
        return None
    match = _AGE_LINE.match(text)
    if not match:
        return None
    prefix, age = match["prefix"], match["age"]
    # 'Ocean Today' is a name; a word age needs a separator: 'Reuters · Yesterday'
    word_age = not age[0].isdigit() and not age.lower().startswith(("a", "one"))
    if (
        word_age
        and prefix.strip()
        and prefix.rstrip()[-1] not in "•·|-–—,:"
        and not _ICON_LABEL.match(prefix)
    ):
        return None
    if prefix and age[0].isdigit() and not prefix[-1].isspace() and prefix[-1] not in "•·|-–—,:":
        # glued 'Source' + 'N units ago': try every split of the digit run
        digits = re.search(r"\d*$", prefix)
        head = prefix[: digits.start()] if digits else prefix
        run = prefix[len(head) :] + age
        cuts = [0] if _ICON_LABEL.match(head) else range(len(run))
        candidates = []
        for cut in cuts:
            if not run[cut].isdigit():
                break
            source, rest = head + run[:cut], run[cut:]
            if rest[0] == "0" or not _NUM_AGE.match(rest) or not plausible_age(rest):
                continue
            candidates.append((source, rest))
        if len(candidates) != 1:
            return "", ""
        prefix, age = candidates[0]
    elif not plausible_age(age):
        return None
    source = prefix.strip(" •·|-–—,:")
    if _ICON_LABEL.match(source) or source.lower() in {"by", "updated", "published"}:
        source = ""
    if source.lower().startswith("by "):
        source = source[3:].strip()
    if word_count(source) > 6:
        return None
    return source, age.strip()


def parse_date(text: str) -> str:
    """ISO date (YYYY-MM-DD) of the first full date in text, else ''."""
    match = DATE.search(text or "")
    if not match:
        return ""
    if match["iso"]:
        return match["iso"]
    for y, m, d in (("y3", "m3", "d3"), ("y4", "m4", "d4")):
        if match[y]:
            numbers = int(match[y]), int(match[m]), int(match[d])
            if 1 <= numbers[1] <= 12 and 1 <= numbers[2] <= 31:
                return "{:04d}-{:02d}-{:02d}".format(*numbers)
            return ""
    if match["y5"]:
        # 11/19/2019 (month first) or 19/11/2019 (day first): only a number over 12 tells
        a, b = int(match["a5"]), int(match["b5"])
        if a > 12 >= b:
            a, b = b, a
        elif not (b > 12 >= a and b <= 31):
            return ""
        return f"{int(match['y5']):04d}-{a:02d}-{b:02d}"
    month = month_number(match["m1"] or match["m2"] or "")
    day, year = match["d1"] or match["d2"], match["y1"] or match["y2"]
    return f"{int(year):04d}-{month:02d}-{int(day):02d}" if month else ""


def is_date_line(line: str) -> bool:
    """A line that is only a date (optionally labelled 'Published:' and with a time)."""
    text = clean_line(line)
    return len(text) <= 80 and bool(_DATE_LINE.match(text))


_META_SPLIT = re.compile(r"\s+[|·•—–]\s+|\s*[|·•]\s*")
# 'By Ann Lee', also labelled 'By: Ann Lee'
_BYLINE = re.compile(r"^by(?:\s*:)?\s+(?P<name>[^\d|·•]{2,60})$", re.I)
_BY_START = re.compile(r"by(?:\s*:)?\s", re.I)


# 'Von Ann Lee', 'Par Anne Leroy', 'Por Ana López', '| von Ann Lee und Bo Park': the word
# for 'by' and names, each capitalised ('Von Berlin nach Paris' is a headline)
_FOREIGN_BY = re.compile(r"^[|·•\s]*(?:von|par|por|door|av|af)(?:\s*:)?\s+(?P<name>.{3,80})$", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*\.?$")  # 'Anne-Marie', 'O’Neill', 'J.'
_NAME_JOINS = frozenset(["und", "et", "y", "e", "en", "och", "og", "&", "and"])
_NAME_PARTICLES = frozenset(["de", "da", "di", "del", "van", "von", "der", "le", "la", "dos"])


def _foreign_byline(text: str) -> str:
    """The names of a byline that opens with another language's 'by', else ''."""
    match = _FOREIGN_BY.match(text)
    if match is None:
        return ""
    name = match["name"].strip(" ,")
    words = name.replace(",", " ").split()
    capitals = [w for w in words if w.lower() not in _NAME_JOINS | _NAME_PARTICLES]
    if not 2 <= len(capitals) <= 8 or not all(
        w[0].isupper() and _NAME_WORD.match(w) for w in capitals
    ):
        return ""
    return name


def parse_meta_line(line: str) -> tuple[str, str, str] | None:
    """(source, author, published) of a byline/dateline such as 'Arts Desk | March 3, 2025',
    'By Sam Ortiz · 2 hours ago' or 'Reuters 5 hours ago'; None when the line is not one."""
    text = clean_line(line)
    if not text or len(text) > 120:
        return None
    split = split_source_age(text)
    if split is not None and not _BY_START.match(text):
        return split[0], "", split[1]
    if is_date_line(text):
        return "", "", parse_date(text)
    parts = [p.strip() for p in _META_SPLIT.split(text) if p.strip()]
    if not 2 <= len(parts) <= 4:
        match = _BYLINE.match(text)
        if match:
            return "", match["name"].strip(), ""
        name = _foreign_byline(text)
        if name:
            return "", name, ""
        return _byline_then_date(text)
    source = author = published = ""
    for part in parts:
        age = split_source_age(part)
        byline = _BYLINE.match(part)
        if is_date_line(part) and not published:
            published = parse_date(part)
        elif age is not None and not published:
            published = age[1]
            if age[0]:
                source = source or age[0]
        elif byline:
            author = byline["name"].strip()
        elif word_count(part) <= 5 and len(part) <= 40 and not part.endswith("."):
            source = source or part
        else:
            return None
    return (source, author, published) if published or author else None


def _byline_then_date(text: str) -> tuple[str, str, str] | None:
    """'by Jeff Foust Monday, November 18, 2019' or '5:45 AM PST 11/19/2019 by Jeff Foust': a
    byline and a date run together (a line break between them in the page)."""
    if not _BY_START.match(text):
        date, by, name = text.rpartition(" by ")
        match = _BYLINE.match(f"by {name}") if by else None
        if match and word_count(name) <= 6 and name[:1].isupper() and is_date_line(date):
            return "", match["name"].strip(), parse_date(date)
        return None
    for space in re.finditer(r"\s+", text):
        name, rest = text[: space.start()], text[space.end() :]
        match = _BYLINE.match(name)
        names = match["name"].split() if match else []
        if names and len(names) <= 6 and names[0][:1].isupper() and is_date_line(rest):
            return "", " ".join(names), parse_date(rest)
    return None
