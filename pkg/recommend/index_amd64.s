#include "textflag.h"

// func indexAVX2(set *uint32, n int, key uint32) int
//
// Sixteen entries a round (two compares of eight, the item bits only),
// then eight, then the last few one at a time.
TEXT ·indexAVX2(SB), NOSPLIT, $0-32
	MOVQ set+0(FP), SI
	MOVQ n+8(FP), CX
	MOVL key+16(FP), AX
	MOVQ AX, X1
	VPBROADCASTD X1, Y1
	MOVL $0xffffff00, DX
	MOVQ DX, X2
	VPBROADCASTD X2, Y2
	XORQ BX, BX

loop16:
	LEAQ 16(BX), DI
	CMPQ DI, CX
	JA   loop8
	VPAND   (SI)(BX*4), Y2, Y3
	VPAND   32(SI)(BX*4), Y2, Y4
	VPCMPEQD Y1, Y3, Y3
	VPCMPEQD Y1, Y4, Y4
	VPOR    Y3, Y4, Y5
	VPTEST  Y5, Y5
	JNZ     found16
	MOVQ    DI, BX
	JMP     loop16

found16:
	VMOVMSKPS Y3, DX
	VMOVMSKPS Y4, R8
	SHLL    $8, R8
	ORL     R8, DX
	BSFL    DX, DX
	ADDQ    DX, BX
	VZEROUPPER
	MOVQ    BX, ret+24(FP)
	RET

loop8:
	LEAQ 8(BX), DI
	CMPQ DI, CX
	JA   tail
	VPAND   (SI)(BX*4), Y2, Y3
	VPCMPEQD Y1, Y3, Y3
	VMOVMSKPS Y3, DX
	TESTL   DX, DX
	JNZ     found8
	MOVQ    DI, BX

tail:
	VZEROUPPER

tailloop:
	CMPQ BX, CX
	JAE  notfound
	MOVL (SI)(BX*4), DX
	ANDL $0xffffff00, DX
	CMPL DX, AX
	JE   done
	INCQ BX
	JMP  tailloop

found8:
	BSFL DX, DX
	ADDQ DX, BX
	VZEROUPPER

done:
	MOVQ BX, ret+24(FP)
	RET

notfound:
	MOVQ $-1, ret+24(FP)
	RET
