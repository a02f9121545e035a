build-fuzz/obj/json.o: src/json.c src/json.h src/utf8.h

src/json.h:

src/utf8.h:
